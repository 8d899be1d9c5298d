import type { RetractionEvent, TrackingEvent } from '@mmt/contracts';

/** An event that still counts after duplicates and retractions are resolved: anything but a retraction. */
export type LiveEvent = Exclude<TrackingEvent, RetractionEvent>;

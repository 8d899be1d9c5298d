import { conveyanceKey } from '@mmt/contracts';
import type { LiveEvent } from './live-event';
import { compareText, compareTimes, instantOf } from './time';

/** A journey while its events are being gathered. */
export interface JourneyDraft {
  readonly journeyId: string;
  readonly mainDocumentKeys: ReadonlySet<string>;
  readonly events: LiveEvent[];
  /** Start of the journey's time window: the earliest eventDateTime among the events carrying its documents. */
  readonly windowStart: string;
  /** The conveyances its documented events (a manifest, a documented LOAD) put the container on. */
  readonly conveyanceKeys: ReadonlySet<string>;
  readonly cancelled: boolean;
}

/**
 * Places the events that carry none of any journey's documents, using only what documented events say
 * (so the result does not depend on the order of placement):
 * - an event on a conveyance goes to a journey whose documented events put the container on that conveyance
 *   (a train report after the manifest that lists the container, or before it);
 * - otherwise, or when several journeys name that conveyance, to the journey whose time window holds its
 *   eventDateTime: windows start at each journey's earliest documented event and run until the next starts;
 *   an event before every window goes to the first;
 * - cancelled journeys take no such events unless every journey is cancelled.
 */
export function placeUndocumentedEvents(drafts: readonly JourneyDraft[], undocumented: readonly LiveEvent[]): void {
  const open = drafts.filter((draft) => !draft.cancelled);
  const windows = (open.length > 0 ? open : drafts)
    .slice()
    .sort((a, b) => compareTimes(a.windowStart, b.windowStart) || compareText(a.journeyId, b.journeyId));
  for (const event of undocumented) {
    const conveyance = event.conveyance === undefined ? undefined : conveyanceKey(event.conveyance);
    const onConveyance = windows.filter((window) => conveyance !== undefined && window.conveyanceKeys.has(conveyance));
    windowHolding(onConveyance.length > 0 ? onConveyance : windows, event.eventDateTime).events.push(event);
  }
}

/** The last window started by `time`, or the first window if none has. `windows` is sorted and not empty. */
function windowHolding(windows: readonly JourneyDraft[], time: string): JourneyDraft {
  const started = windows.filter((window) => instantOf(window.windowStart) <= instantOf(time));
  return started.length > 0 ? started[started.length - 1] : windows[0];
}

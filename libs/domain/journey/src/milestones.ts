import type { Classifier, Conveyance, Milestone, Place } from '@mmt/contracts';
import { conveyanceKey } from '@mmt/contracts';
import { documentKey } from './documents';
import type { LiveEvent } from './live-event';
import { optional } from './optional';
import { copyPlace, placeKey } from './places';
import { compareText, compareTimes } from './time';

/**
 * Every version of one milestone: the same code at the same place (LOCODE and facility) on the same
 * conveyance, or for a document the same status of the same document.
 */
export interface MilestoneSlot {
  readonly key: string;
  readonly code: string;
  readonly place?: Place;
  readonly conveyance?: Conveyance;
  /** Per classifier, the version recorded last (later eventCreatedDateTime, then larger eventId): a correction. */
  readonly versions: Readonly<Partial<Record<Classifier, LiveEvent>>>;
  /** ACT beats EST beats PLN. */
  readonly best: LiveEvent;
}

/** What happened: the DCSA code, or `<DOCUMENT TYPE>_<STATUS>` for a document, e.g. `MANIFEST_FILED`. */
export function milestoneCode(event: LiveEvent): string {
  switch (event.eventType) {
    case 'TRANSPORT':
      return event.transportEventTypeCode;
    case 'EQUIPMENT':
      return event.equipmentEventTypeCode;
    case 'SHIPMENT':
      return `${event.document.type}_${event.documentStatus}`;
  }
}

export function placeOf(event: LiveEvent): Place | undefined {
  return event.eventType === 'SHIPMENT' ? undefined : event.location;
}

function milestoneKey(event: LiveEvent): string {
  const conveyance = event.conveyance === undefined ? '' : conveyanceKey(event.conveyance);
  const document = event.eventType === 'SHIPMENT' ? documentKey(event.document) : '';
  return [milestoneCode(event), placeKey(placeOf(event)), conveyance, document].join('|');
}

/** A later correction within one classifier wins; equal creation times fall back to the larger eventId. */
function isNewerVersion(candidate: LiveEvent, current: LiveEvent): boolean {
  const byCreation = compareTimes(candidate.eventCreatedDateTime, current.eventCreatedDateTime);
  return byCreation > 0 || (byCreation === 0 && compareText(candidate.eventId, current.eventId) > 0);
}

/** The milestones of a set of events, sorted by key. */
export function milestoneSlots(events: readonly LiveEvent[]): MilestoneSlot[] {
  const versionsByKey = new Map<string, Partial<Record<Classifier, LiveEvent>>>();
  for (const event of events) {
    const key = milestoneKey(event);
    const versions = versionsByKey.get(key) ?? {};
    const current = versions[event.classifier];
    if (current === undefined || isNewerVersion(event, current)) {
      versions[event.classifier] = event;
    }
    versionsByKey.set(key, versions);
  }
  return [...versionsByKey.entries()]
    .sort(([a], [b]) => compareText(a, b))
    .map(([key, versions]) => {
      const best = versions.ACT ?? versions.EST ?? versions.PLN;
      if (best === undefined) {
        throw new Error(`milestone ${key} has no version`);
      }
      const place = placeOf(best);
      return {
        key,
        code: milestoneCode(best),
        ...optional('place', place === undefined ? undefined : copyPlace(place)),
        ...optional('conveyance', best.conveyance),
        versions,
        best,
      };
    });
}

export function isActual(slot: MilestoneSlot): boolean {
  return slot.best.classifier === 'ACT';
}

/** The winning version of each milestone, sorted by time, then code, then eventId. */
export function toMilestones(slots: readonly MilestoneSlot[]): Milestone[] {
  return slots
    .map((slot): Milestone => ({
      code: slot.code,
      classifier: slot.best.classifier,
      at: slot.best.eventDateTime,
      ...optional('place', slot.place),
      ...optional('conveyance', slot.conveyance),
      eventId: slot.best.eventId,
      sourceSystem: slot.best.source.system,
      ...optional('customsBroker', slot.best.eventType === 'EQUIPMENT' ? slot.best.customsBroker : undefined),
    }))
    .sort((a, b) => compareTimes(a.at, b.at) || compareText(a.code, b.code) || compareText(a.eventId, b.eventId));
}

import { conveyanceKey, type Journey } from '@mmt/contracts';

/**
 * What the read paths look journeys up by that the Journey holds only inside nested values. Stored beside the
 * journey (`derived`), written with it by JourneysRepository.saveAll, and never part of what a read returns.
 */
export interface JourneyDerived {
  /** The conveyanceKey() of each leg's conveyance, once each: journeys by conveyance, from a multikey index. */
  readonly conveyanceKeys: readonly string[];
  /** Present only on a journey behind its plan, so that the delayedOnly list index holds just those. */
  readonly delayed?: true;
}

/** A journey as the `journeys` collection holds it. */
export type JourneyDocument = Journey & { readonly _id: string; readonly derived: JourneyDerived };

/** The projection of every journey read: the Journey exactly as folded, without `_id` and the derived fields. */
export const JOURNEY_PROJECTION = { _id: 0, derived: 0 } as const;

export function journeyDocument(journey: Journey): JourneyDocument {
  const delayed = (journey.delayMinutes ?? 0) > 0;
  return {
    _id: journey.journeyId,
    ...journey,
    derived: {
      conveyanceKeys: [...new Set(journey.legs.map((leg) => conveyanceKey(leg.conveyance)))],
      ...(delayed ? { delayed: true } : {}),
    },
  };
}

/** The owner code of a container number: its first four letters (ISO 6346). */
export function ownerCode(containerNo: string): string {
  return containerNo.slice(0, 4);
}

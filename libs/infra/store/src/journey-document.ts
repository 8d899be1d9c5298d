import { conveyanceKey, type Journey } from '@mmt/contracts';

/**
 * An organisation id as access compares it: ASCII letters upper-cased, nothing else changed. Keys and source
 * documents may spell one organisation `org-cq-electronics` or `ORG-CQ-ELECTRONICS`; both are the same party.
 * Only ASCII is folded (not `toUpperCase()`), so that no two ids that differ in anything but ASCII case meet.
 */
export function orgKey(orgId: string): string {
  return orgId.replace(/[a-z]+/g, (letters) => letters.toUpperCase());
}

/**
 * The filters a journey list is served by, one key each (see `listKeys`). A list reads windows of container
 * numbers under one key, from the single index { 'derived.listKeys': 1, containerNo: 1 }: one multikey index
 * in place of one per filter, because the embedded store's cost of writing a journey grows with its indexes.
 */
export const listKey = {
  /** A party's organisation as orgKey spells it, on both sides (journey orgIds as sent, the caller's key as issued). */
  org: (orgId: string) => `org:${orgKey(orgId)}`,
  place: (locode: string) => `place:${locode}`,
  corridor: (corridor: string) => `corridor:${corridor}`,
  status: (status: string) => `status:${status}`,
  corridorStatus: (corridor: string, status: string) => `corridor:${corridor}/status:${status}`,
  delayed: () => 'delayed',
  /**
   * The same list's cold-chain journeys, which lists show first: `cold` alone for an unfiltered list. A
   * cold-chain journey carries each of its keys this way too.
   */
  cold: (key?: string) => (key === undefined ? 'cold' : `cold|${key}`),
} as const;

/**
 * What the read paths look journeys up by that the Journey holds only inside nested values. Stored beside the
 * journey (`derived`), written with it by JourneysRepository.saveAll, and never part of what a read returns.
 */
export interface JourneyDerived {
  /** The conveyanceKey() of each leg's conveyance, once each: journeys by conveyance, from a multikey index. */
  readonly conveyanceKeys: readonly string[];
  /** The list filters this journey matches (listKey), for journey lists. */
  readonly listKeys: readonly string[];
}

/** A journey as the `journeys` collection holds it. */
export type JourneyDocument = Journey & { readonly _id: string; readonly derived: JourneyDerived };

/** The projection of every journey read: the Journey exactly as folded, without `_id` and the derived fields. */
export const JOURNEY_PROJECTION = { _id: 0, derived: 0 } as const;

/**
 * The fields every list and search read returns whatever the caller asked for: those its filter, access check and
 * order are judged on.
 */
export const LISTED_FIELDS = [
  'journeyId',
  'containerNo',
  'orgIds',
  'coldChain',
  'corridor',
  'status',
  'currentPlace',
  'delayMinutes',
  'startedAt',
  'lastEventAt',
  'documents',
] as const satisfies readonly (keyof Journey)[];

/** A journey read with some of its fields: those asked for and the LISTED_FIELDS. */
export type ListedJourney = Pick<Journey, (typeof LISTED_FIELDS)[number]> & Partial<Journey>;

/**
 * The projection of a list or search read: only the fields asked for (and LISTED_FIELDS), so that a page of twenty
 * does not carry twenty journeys' milestones when it shows none; every field when `fields` is undefined.
 */
export function listedProjection(fields: readonly (keyof Journey)[] | undefined): Record<string, 0 | 1> {
  if (fields === undefined) {
    return JOURNEY_PROJECTION;
  }
  return { _id: 0, ...Object.fromEntries([...LISTED_FIELDS, ...fields].map((field) => [field, 1])) };
}

function listKeys(journey: Journey): string[] {
  const keys = filterKeys(journey);
  return journey.coldChain ? [...keys, listKey.cold(), ...keys.map(listKey.cold)] : keys;
}

function filterKeys(journey: Journey): string[] {
  const { corridor, status, currentPlace, delayMinutes } = journey;
  return [
    ...new Set(journey.orgIds.map(listKey.org)),
    ...(currentPlace ? [listKey.place(currentPlace.locode)] : []),
    listKey.status(status),
    ...(corridor ? [listKey.corridor(corridor), listKey.corridorStatus(corridor, status)] : []),
    ...((delayMinutes ?? 0) > 0 ? [listKey.delayed()] : []),
  ];
}

export function journeyDocument(journey: Journey): JourneyDocument {
  return {
    _id: journey.journeyId,
    ...journey,
    derived: {
      conveyanceKeys: [...new Set(journey.legs.map((leg) => conveyanceKey(leg.conveyance)))],
      listKeys: listKeys(journey),
    },
  };
}

/** The owner code of a container number: its first four letters (ISO 6346). */
export function ownerCode(containerNo: string): string {
  return containerNo.slice(0, 4);
}

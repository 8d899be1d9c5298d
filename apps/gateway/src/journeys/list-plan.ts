import { canSee, journeyScopeFilter, type Principal } from '@mmt/access';
import type { Journey } from '@mmt/contracts';
import { listKey } from '@mmt/store';

export interface JourneyFilter {
  corridor?: string;
  status?: string;
  place?: string;
  activeFrom?: string;
  activeTo?: string;
  delayedOnly?: boolean;
}

/** The instants of activeFrom / activeTo, compared as times: strings with different offsets do not sort as times. */
export interface ActiveRange {
  readonly from?: number;
  readonly to?: number;
}

export interface ListPlan {
  /**
   * The list key the journeys index serves ahead of `containerNo` (see JourneysRepository.ensureIndexes), or
   * nothing for an unfiltered list. The store uses an index only for a query of exactly its fields, so the
   * query holds this and the window's container-number range, nothing else.
   */
  readonly indexed: Readonly<Record<string, string>>;
  /** The caller's scope and the whole filter, checked on each journey of a window. */
  readonly accept: (journey: Journey) => boolean;
  /** The filter, to size the next list's windows from the density this one met. */
  readonly key: string;
}

/** A list shows its cold-chain journeys first, then the others: two scans, each by journey id. */
export type ListPart = 'COLD_CHAIN' | 'OTHER';
export const LIST_PARTS: readonly ListPart[] = ['COLD_CHAIN', 'OTHER'];

/**
 * The list key a condition is served by: the caller's scope first (journeyScopeFilter: `org:<orgId>`, case
 * folded on both sides so that the index serves a key however it spells its organisation), then the most
 * selective filter; in the cold-chain part, its cold-chain twin.
 */
function indexedPart(principal: Principal, filter: JourneyFilter, part: ListPart): Record<string, string> {
  const scope: string | undefined = journeyScopeFilter(principal)['derived.listKeys'];
  const key = scope ?? mostSelectiveKey(filter);
  if (part === 'COLD_CHAIN') {
    return { 'derived.listKeys': listKey.cold(key) };
  }
  return key === undefined ? {} : { 'derived.listKeys': key };
}

function mostSelectiveKey({ place, corridor, status, delayedOnly }: JourneyFilter): string | undefined {
  if (place) {
    return listKey.place(place);
  }
  if (corridor && status) {
    return listKey.corridorStatus(corridor, status);
  }
  if (status) {
    return listKey.status(status);
  }
  if (corridor) {
    return listKey.corridor(corridor);
  }
  return delayedOnly ? listKey.delayed() : undefined;
}

export function listPlan(principal: Principal, filter: JourneyFilter, active: ActiveRange, part: ListPart): ListPlan {
  const { corridor, status, place, delayedOnly } = filter;
  const { from, to } = active;
  const indexed = indexedPart(principal, filter, part);
  return {
    indexed,
    accept: (j) =>
      j.coldChain === (part === 'COLD_CHAIN') &&
      canSee(principal, j) &&
      (!corridor || j.corridor === corridor) &&
      (!status || j.status === status) &&
      (!place || j.currentPlace?.locode === place) &&
      (!delayedOnly || (j.delayMinutes ?? 0) > 0) &&
      (from === undefined || Date.parse(j.lastEventAt ?? '') >= from) &&
      (to === undefined || Date.parse(j.startedAt ?? '') <= to),
    key: JSON.stringify([indexed, part, corridor, status, place, delayedOnly, from, to]),
  };
}

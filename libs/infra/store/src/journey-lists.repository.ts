import type { Connection } from 'mongoose';
import type { Journey } from '@mmt/contracts';
import { ContainerOwnersRepository } from './container-owners.repository';
import { ListWindows } from './embedded-planner/list-windows';
import type { IndexOwner } from './index-owner';
import { listKey, type JourneyDocument, type ListedJourney } from './journey-document';
import { inScope, type JourneyScope } from './journey-scope';
import { JourneysRepository } from './journeys.repository';

/** The conditions of a journey list; `activeFrom` and `activeTo` are instants (ms), compared as times. */
export interface JourneyListFilter {
  readonly corridor?: string;
  readonly status?: string;
  readonly place?: string;
  readonly delayedOnly?: boolean;
  readonly activeFrom?: number;
  readonly activeTo?: number;
}

/** A list shows its cold-chain journeys first, then the others: two parts, each by journey id. */
export type ListPart = 'COLD_CHAIN' | 'OTHER';
export const LIST_PARTS: readonly ListPart[] = ['COLD_CHAIN', 'OTHER'];

function mostSelectiveKey({ place, corridor, status, delayedOnly }: JourneyListFilter): string | undefined {
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

/**
 * The list key a part is read under: the scope's organisation first (`org:<orgId>`, case folded on both sides so
 * that the index serves a key however it spells its organisation), else the most selective filter; in the
 * cold-chain part, its cold-chain twin.
 */
function partKey(scope: JourneyScope, filter: JourneyListFilter, part: ListPart): string | undefined {
  const key = 'partyOrgId' in scope ? listKey.org(scope.partyOrgId) : mostSelectiveKey(filter);
  return part === 'COLD_CHAIN' ? listKey.cold(key) : key;
}

/** `journeys` read as lists: pages of the journeys a scope may see that match a filter, by journey id. */
export class JourneyListsRepository implements IndexOwner {
  private readonly indexes: JourneysRepository;
  private readonly windows: ListWindows;

  constructor(connection: Connection) {
    this.indexes = new JourneysRepository(connection);
    this.windows = new ListWindows(
      connection.collection<JourneyDocument>('journeys'),
      new ContainerOwnersRepository(connection),
    );
  }

  /** The lists read the journeys' own indexes, which JourneysRepository defines (and drops any other). */
  ensureIndexes(): Promise<void> {
    return this.indexes.ensureIndexes();
  }

  /**
   * Up to `wanted` journeys of one part of a list, after `afterId` (exclusive), by journey id: with the `fields`
   * asked for and the LISTED_FIELDS (every field when `fields` is undefined).
   */
  part(
    scope: JourneyScope,
    filter: JourneyListFilter,
    part: ListPart,
    page: { afterId?: string; wanted: number; fields?: readonly (keyof Journey)[] },
  ): Promise<ListedJourney[]> {
    const { corridor, status, place, delayedOnly, activeFrom: from, activeTo: to } = filter;
    const key = partKey(scope, filter, part);
    const accept = (j: ListedJourney) =>
      j.coldChain === (part === 'COLD_CHAIN') &&
      inScope(scope, j) &&
      (!corridor || j.corridor === corridor) &&
      (!status || j.status === status) &&
      (!place || j.currentPlace?.locode === place) &&
      (!delayedOnly || (j.delayMinutes ?? 0) > 0) &&
      (from === undefined || Date.parse(j.lastEventAt ?? '') >= from) &&
      (to === undefined || Date.parse(j.startedAt ?? '') <= to);
    const memoryKey = JSON.stringify([key, part, corridor, status, place, delayedOnly, from, to]);
    return this.windows.read({ listKey: key, accept, memoryKey, fields: page.fields }, page);
  }
}

import { Injectable } from '@nestjs/common';
import { eventsOnVisibleJourneys, journeyScope, type Principal } from '@mmt/access';
import { eventVersionKey, type DocumentRef, type Journey } from '@mmt/contracts';
import { latestVersions, withdrawnEventIds } from '@mmt/journey';
import {
  EventLogRepository,
  JourneyListsRepository,
  JourneysRepository,
  LIST_PARTS,
  inScope,
  type JourneyScope,
  type ListedJourney,
  type ListPart,
} from '@mmt/store';
import { badInput, notFound } from '../graphql-errors';
import { decodeCursor, encodeCursor, pageSize } from '../graphql/page-cursor';
import { timelineEntry } from './timeline-entry';

/** The filter of the `journeys` query, as GraphQL gives it (a field left out or null: no condition). */
export interface JourneyFilter {
  corridor?: string | null;
  status?: string | null;
  place?: string | null;
  activeFrom?: string | null;
  activeTo?: string | null;
  delayedOnly?: boolean | null;
}

const MAX_JOURNEY_PAGE = 100;

/** The journey fields a caller will read; see selectedJourneyFields. */
export type JourneyFields = readonly (keyof Journey)[];
const MAX_TIMELINE_PAGE = 200;

/** Lists show cold-chain journeys first (the port's green channel), each part in the order read. */
const coldChainFirst = <J extends ListedJourney>(journeys: readonly J[]) => [
  ...journeys.filter((j) => j.coldChain),
  ...journeys.filter((j) => !j.coldChain),
];

function instant(name: string, value: string | null | undefined): number | undefined {
  if (value === undefined || value === null) {
    return undefined;
  }
  const ms = Date.parse(value);
  if (!/([+-]\d{2}:\d{2}|Z)$/.test(value) || Number.isNaN(ms)) {
    throw badInput(`filter.${name}: "${value}" is not an ISO 8601 date-time with an offset`);
  }
  return ms;
}

const inScopeOnly = <J extends ListedJourney>(scope: JourneyScope, journeys: readonly J[]) =>
  journeys.filter((j) => inScope(scope, j));

function hasDocument(journey: ListedJourney, document: DocumentRef): boolean {
  return journey.documents.some((d) => d.type === document.type && d.ref === document.ref);
}

/**
 * Reads journeys and timelines from the store, always within what the caller may see (its journeyScope). The
 * store serves each read from an index: a lookup reads the few journeys of one container, document or conveyance
 * and keeps those in scope; a list reads a page under the scope and filter (JourneyListsRepository).
 */
@Injectable()
export class JourneyQueries {
  constructor(
    private readonly journeys: JourneysRepository,
    private readonly lists: JourneyListsRepository,
    private readonly eventLog: EventLogRepository,
  ) {}

  private async visibleJourneysOf(scope: JourneyScope, containerNo: string): Promise<Journey[]> {
    return coldChainFirst(inScopeOnly(scope, await this.journeys.ofContainer(containerNo)));
  }

  /** number is a checked container number: the ContainerNumber scalar validated and normalised it. */
  async journey(principal: Principal, number: string, document?: DocumentRef): Promise<Journey> {
    const journeys = await this.visibleJourneysOf(journeyScope(principal), number);
    const chosen = document
      ? journeys.find((j) => hasDocument(j, document))
      : journeys.sort((a, b) => Date.parse(b.startedAt ?? '') - Date.parse(a.startedAt ?? ''))[0];
    if (chosen === undefined) {
      throw notFound(
        document
          ? `No journey of container ${number} under ${document.type} ${document.ref}`
          : `No journey of container ${number}`,
      );
    }
    return chosen;
  }

  /** `fields`: the journey fields the caller will read (every one when undefined); see LISTED_FIELDS. */
  async byDocument(principal: Principal, document: DocumentRef, fields?: JourneyFields): Promise<ListedJourney[]> {
    const found = await this.journeys.withDocumentRef(document.ref, fields);
    return coldChainFirst(inScopeOnly(journeyScope(principal), found).filter((j) => hasDocument(j, document)));
  }

  async byConveyance(principal: Principal, conveyanceKey: string, fields?: JourneyFields): Promise<ListedJourney[]> {
    return coldChainFirst(
      inScopeOnly(journeyScope(principal), await this.journeys.onConveyance(conveyanceKey, fields)),
    );
  }

  /** A page of journeys: the cold-chain ones first, then the others, each part by journey id. */
  async list(
    principal: Principal,
    filter: JourneyFilter = {},
    first?: number | null,
    after?: string | null,
    fields?: JourneyFields,
  ) {
    const size = pageSize(first, MAX_JOURNEY_PAGE);
    const cursor = decodeCursor(after, 2);
    if (cursor !== undefined && !LIST_PARTS.includes(cursor[0] as ListPart)) {
      throw badInput(`after: "${after}" is not a cursor of a journey list`);
    }
    const [afterPart, afterId] = (cursor ?? [LIST_PARTS[0], undefined]) as [ListPart, string | undefined];
    const conditions = {
      corridor: filter.corridor ?? undefined,
      status: filter.status ?? undefined,
      place: filter.place ?? undefined,
      delayedOnly: filter.delayedOnly ?? undefined,
      activeFrom: instant('activeFrom', filter.activeFrom),
      activeTo: instant('activeTo', filter.activeTo),
    };
    const found: { part: ListPart; journey: ListedJourney }[] = [];
    for (const part of LIST_PARTS.slice(LIST_PARTS.indexOf(afterPart))) {
      const journeys = await this.lists.part(journeyScope(principal), conditions, part, {
        afterId: part === afterPart ? afterId : undefined,
        wanted: size + 1 - found.length,
        fields,
      });
      found.push(...journeys.map((journey) => ({ part, journey })));
      if (found.length > size) {
        break;
      }
    }
    const page = found.slice(0, size);
    const last = page.at(-1);
    return {
      nodes: page.map((f) => f.journey),
      endCursor: last ? encodeCursor([last.part, last.journey.journeyId]) : null,
      hasNextPage: found.length > size,
    };
  }

  async timeline(principal: Principal, number: string, first?: number | null, after?: string | null) {
    const size = pageSize(first ?? 50, MAX_TIMELINE_PAGE);
    const journeys = await this.journeys.ofContainer(number);
    if (inScopeOnly(journeyScope(principal), journeys).length === 0) {
      throw notFound(`No journey of container ${number}`);
    }
    // Only events of journeys the caller may see, retractions included (the rule: eventsOnVisibleJourneys),
    // every version of each, in the order the platform received them.
    const logged = await this.eventLog.ofContainer(number);
    const latest = latestVersions(logged);
    const withdrawn = withdrawnEventIds(logged);
    const ordered = eventsOnVisibleJourneys(principal, journeys, logged)
      .map((event) => ({ event, at: Date.parse(event.receivedAt), key: eventVersionKey(event) }))
      .sort((a, b) => a.at - b.at || (a.key < b.key ? -1 : 1));
    const cursor = decodeCursor(after, 2);
    const start = cursor
      ? ordered.findIndex((e) => e.at > Number(cursor[0]) || (e.at === Number(cursor[0]) && e.key > cursor[1]))
      : 0;
    const rest = start < 0 ? [] : ordered.slice(start);
    const nodes = rest.slice(0, size);
    const last = nodes.at(-1);
    return {
      nodes: nodes.map(({ event }) =>
        timelineEntry(event, {
          superseded: latest.get(event.eventId) !== event,
          withdrawn: withdrawn.has(event.eventId),
        }),
      ),
      endCursor: last ? encodeCursor([String(last.at), last.key]) : null,
      hasNextPage: rest.length > size,
    };
  }
}

import { Inject, Injectable } from '@nestjs/common';
import type { Collection, Connection } from 'mongoose';
import { canSee, journeyScopeFilter, type Principal } from '@mmt/access';
import { containerNoProblem, type DocumentRef, type Journey } from '@mmt/contracts';
import { STORE } from '@mmt/platform';
import type { EventLogEntry, StoredJourney } from '@mmt/store';
import { badInput, notFound } from '../graphql-errors';
import { decodeCursor, encodeCursor, pageSize } from './cursor';
import { timelineEntry } from './timeline-entry';

export interface JourneyFilter {
  corridor?: string;
  status?: string;
  place?: string;
  activeFrom?: string;
  activeTo?: string;
  delayedOnly?: boolean;
}

const MAX_JOURNEY_PAGE = 100;
const MAX_TIMELINE_PAGE = 200;
const NO_ID = { projection: { _id: 0 } } as const;

function checkedContainerNo(containerNo: string): string {
  const problem = containerNoProblem(containerNo.trim().toUpperCase());
  if (problem !== undefined) {
    throw badInput(`containerNo: ${problem}`);
  }
  return containerNo.trim().toUpperCase();
}

function instant(name: string, value: string | undefined): number | undefined {
  if (value === undefined) {
    return undefined;
  }
  const ms = Date.parse(value);
  if (!/([+-]\d{2}:\d{2}|Z)$/.test(value) || Number.isNaN(ms)) {
    throw badInput(`filter.${name}: "${value}" is not an ISO 8601 date-time with an offset`);
  }
  return ms;
}

function hasDocument(journey: Journey, document: DocumentRef): boolean {
  return journey.documents.some((d) => d.type === document.type && d.ref === document.ref);
}

/** Reads journeys and timelines from the store, always within what the caller may see. */
@Injectable()
export class JourneyQueries {
  private readonly journeys: Collection<StoredJourney>;
  private readonly events: Collection<EventLogEntry>;

  constructor(@Inject(STORE) store: Connection) {
    this.journeys = store.collection<StoredJourney>('journeys');
    this.events = store.collection<EventLogEntry>('events');
  }

  private async visibleJourneysOf(principal: Principal, containerNo: string): Promise<Journey[]> {
    const found = await this.journeys.find({ containerNo, ...journeyScopeFilter(principal) }, NO_ID).toArray();
    return found.filter((j) => canSee(principal, j));
  }

  async journey(principal: Principal, containerNo: string, document?: DocumentRef): Promise<Journey> {
    const number = checkedContainerNo(containerNo);
    const journeys = await this.visibleJourneysOf(principal, number);
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

  async byDocument(principal: Principal, document: DocumentRef): Promise<Journey[]> {
    const found = await this.journeys
      .find({ 'documents.ref': document.ref, ...journeyScopeFilter(principal) }, NO_ID)
      .sort({ _id: 1 })
      .toArray();
    return found.filter((j) => hasDocument(j, document) && canSee(principal, j));
  }

  async byConveyance(principal: Principal, conveyanceKey: string, keyOf: (j: Journey) => string[]): Promise<Journey[]> {
    const found = await this.journeys.find(journeyScopeFilter(principal), NO_ID).sort({ _id: 1 }).toArray();
    return found.filter((j) => canSee(principal, j) && keyOf(j).includes(conveyanceKey));
  }

  async list(principal: Principal, filter: JourneyFilter = {}, first?: number | null, after?: string | null) {
    const size = pageSize(first, MAX_JOURNEY_PAGE);
    const [afterId] = decodeCursor(after, 1) ?? [];
    const from = instant('activeFrom', filter.activeFrom);
    const to = instant('activeTo', filter.activeTo);
    const query: Record<string, unknown> = { ...journeyScopeFilter(principal) };
    if (filter.corridor) {
      query.corridor = filter.corridor;
    }
    if (filter.status) {
      query.status = filter.status;
    }
    if (filter.place) {
      query['currentPlace.locode'] = filter.place;
    }
    if (afterId !== undefined) {
      query._id = { $gt: afterId };
    }
    // Keyset pagination on the immutable journey id: pages stay stable while journeys change. The cursor
    // is read only until one journey past the page is found, whatever is filtered in code.
    const matches = (j: Journey) =>
      canSee(principal, j) &&
      (!filter.delayedOnly || (j.delayMinutes ?? 0) > 0) &&
      (from === undefined || Date.parse(j.lastEventAt ?? '') >= from) &&
      (to === undefined || Date.parse(j.startedAt ?? '') <= to);
    const matching: Journey[] = [];
    for await (const journey of this.journeys.find(query, NO_ID).sort({ _id: 1 })) {
      if (matches(journey)) {
        matching.push(journey);
        if (matching.length > size) {
          break;
        }
      }
    }
    const nodes = matching.slice(0, size);
    const last = nodes.at(-1);
    return {
      nodes,
      endCursor: last ? encodeCursor([last.journeyId]) : null,
      hasNextPage: matching.length > size,
    };
  }

  async timeline(principal: Principal, containerNo: string, first?: number | null, after?: string | null) {
    const number = checkedContainerNo(containerNo);
    const size = pageSize(first ?? 50, MAX_TIMELINE_PAGE);
    const visible = await this.visibleJourneysOf(principal, number);
    if (visible.length === 0) {
      throw notFound(`No journey of container ${number}`);
    }
    const allowed = principal.role === 'PORT_OFFICE' ? undefined : new Set(visible.flatMap((j) => j.eventIds));
    const entries = await this.events.find({ containerNo: number }).toArray();
    const ordered = entries
      .map((e) => e.event)
      .filter((e) => allowed === undefined || allowed.has(e.eventId) || e.eventType === 'RETRACTION')
      .sort((a, b) => Date.parse(a.receivedAt) - Date.parse(b.receivedAt) || (a.eventId < b.eventId ? -1 : 1));
    const cursor = decodeCursor(after, 2);
    const start = cursor
      ? ordered.findIndex(
          (e) =>
            Date.parse(e.receivedAt) > Number(cursor[0]) ||
            (Date.parse(e.receivedAt) === Number(cursor[0]) && e.eventId > cursor[1]),
        )
      : 0;
    const rest = start < 0 ? [] : ordered.slice(start);
    const nodes = rest.slice(0, size);
    const last = nodes.at(-1);
    return {
      nodes: nodes.map(timelineEntry),
      endCursor: last ? encodeCursor([String(Date.parse(last.receivedAt)), last.eventId]) : null,
      hasNextPage: rest.length > size,
    };
  }
}

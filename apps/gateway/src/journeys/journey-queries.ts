import { Inject, Injectable } from '@nestjs/common';
import type { Collection, Connection } from 'mongoose';
import { canSee, eventsOnVisibleJourneys, type Principal } from '@mmt/access';
import { containerNoProblem, eventVersionKey, type DocumentRef, type Journey } from '@mmt/contracts';
import { latestVersions, withdrawnEventIds } from '@mmt/journey';
import { STORE } from '@mmt/platform';
import { ContainerOwnersRepository, EventLogRepository, JOURNEY_PROJECTION, type JourneyDocument } from '@mmt/store';
import { badInput, notFound } from '../graphql-errors';
import { ContainerSpace } from './container-space';
import { decodeCursor, encodeCursor, pageSize } from './cursor';
import { LIST_PARTS, listPlan, type ActiveRange, type JourneyFilter, type ListPart } from './list-plan';
import { timelineEntry } from './timeline-entry';
import { scanWindows, type ContainerRange, type Density } from './window-scan';

export type { JourneyFilter } from './list-plan';

const MAX_JOURNEY_PAGE = 100;
const MAX_TIMELINE_PAGE = 200;
const READ = { projection: JOURNEY_PROJECTION } as const;
/** How long the owner directory is reused; an owner added since only makes a list read slower. */
const OWNERS_TTL_MS = 30_000;
/** Filters whose window sizes are remembered, oldest forgotten first. */
const REMEMBERED_FILTERS = 500;

/** Lists show cold-chain journeys first (the port's green channel), each part in the order read. */
const coldChainFirst = (journeys: readonly Journey[]) => [
  ...journeys.filter((j) => j.coldChain),
  ...journeys.filter((j) => !j.coldChain),
];

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

/**
 * Reads journeys and timelines from the store, always within what the caller may see. Every query is served
 * by an index (JourneysRepository.ensureIndexes, EventLogRepository.ensureIndexes): a lookup reads the few
 * journeys of one container, document or conveyance and keeps those the caller may see; a list reads bounded
 * windows of container numbers under the caller's scope or an indexed filter. A query holds exactly the
 * fields of its index, as SecantusDB plans an index only for such a query (its explain reports any other as
 * a collection scan; MongoDB would filter the rest): lookups check the scope on the journeys they read, and
 * lists check the conditions their index does not serve on each window.
 */
@Injectable()
export class JourneyQueries {
  private readonly journeys: Collection<JourneyDocument>;
  private readonly eventLog: EventLogRepository;
  private readonly owners: ContainerOwnersRepository;
  private space?: { readonly value: Promise<ContainerSpace>; readonly readAt: number };
  /** What the last list of each filter met: sizes the windows of its next page. */
  private readonly densities = new Map<string, Density>();

  constructor(@Inject(STORE) store: Connection) {
    this.journeys = store.collection<JourneyDocument>('journeys');
    this.eventLog = new EventLogRepository(store);
    this.owners = new ContainerOwnersRepository(store);
  }

  private async visibleJourneysOf(principal: Principal, containerNo: string): Promise<Journey[]> {
    const found = await this.journeys.find({ containerNo }, READ).toArray();
    return coldChainFirst(found.filter((j) => canSee(principal, j)));
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
    const found = await this.journeys.find({ 'documents.ref': document.ref }, READ).sort({ _id: 1 }).toArray();
    return coldChainFirst(found.filter((j) => hasDocument(j, document) && canSee(principal, j)));
  }

  async byConveyance(principal: Principal, conveyanceKey: string): Promise<Journey[]> {
    const found = await this.journeys
      .find({ 'derived.conveyanceKeys': conveyanceKey }, READ)
      .sort({ _id: 1 })
      .toArray();
    return coldChainFirst(found.filter((j) => canSee(principal, j)));
  }

  /** A page of journeys: the cold-chain ones first, then the others, each part by journey id. */
  async list(principal: Principal, filter: JourneyFilter = {}, first?: number | null, after?: string | null) {
    const size = pageSize(first, MAX_JOURNEY_PAGE);
    const cursor = decodeCursor(after, 2);
    if (cursor !== undefined && !LIST_PARTS.includes(cursor[0] as ListPart)) {
      throw badInput(`after: "${after}" is not a cursor of a journey list`);
    }
    const [afterPart, afterId] = (cursor ?? [LIST_PARTS[0], undefined]) as [ListPart, string | undefined];
    const active = { from: instant('activeFrom', filter.activeFrom), to: instant('activeTo', filter.activeTo) };
    const found: { part: ListPart; journey: Journey }[] = [];
    for (const part of LIST_PARTS.slice(LIST_PARTS.indexOf(afterPart))) {
      const journeys = await this.scanPart(principal, filter, active, part, {
        afterId: part === afterPart ? afterId : undefined,
        wanted: size + 1 - found.length,
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

  /** One part of a list, by keyset pagination on the immutable journey id: pages stay stable while journeys change. */
  private async scanPart(
    principal: Principal,
    filter: JourneyFilter,
    active: ActiveRange,
    part: ListPart,
    { afterId, wanted }: { afterId?: string; wanted: number },
  ): Promise<Journey[]> {
    const plan = listPlan(principal, filter, active, part);
    const scan = await scanWindows({
      space: await this.containerSpace(),
      afterId,
      wanted,
      density: this.densities.get(plan.key),
      read: (range: ContainerRange) => this.journeys.find({ ...plan.indexed, containerNo: range }, READ).toArray(),
      accept: plan.accept,
    });
    if (scan.density !== undefined) {
      this.remember(plan.key, scan.density);
    }
    return scan.journeys;
  }

  async timeline(principal: Principal, containerNo: string, first?: number | null, after?: string | null) {
    const number = checkedContainerNo(containerNo);
    const size = pageSize(first ?? 50, MAX_TIMELINE_PAGE);
    const journeys = await this.journeys.find({ containerNo: number }, READ).toArray();
    if (!journeys.some((j) => canSee(principal, j))) {
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

  /** The container space of the owner directory, read again when older than OWNERS_TTL_MS. */
  private containerSpace(): Promise<ContainerSpace> {
    if (this.space === undefined || Date.now() - this.space.readAt > OWNERS_TTL_MS) {
      const value = this.owners.all().then((owners) => new ContainerSpace(owners));
      // A failed read is not kept: the next list reads the directory again.
      value.catch(() => {
        if (this.space?.value === value) {
          this.space = undefined;
        }
      });
      this.space = { value, readAt: Date.now() };
    }
    return this.space.value;
  }

  private remember(key: string, density: Density): void {
    this.densities.delete(key);
    this.densities.set(key, density);
    if (this.densities.size > REMEMBERED_FILTERS) {
      this.densities.delete(this.densities.keys().next().value!);
    }
  }
}

import type { Connection } from 'mongoose';
import { ApiKeysRepository, type Principal } from '@mmt/access';
import type { DocumentRef, Journey } from '@mmt/contracts';
import {
  ContainerOwnersRepository,
  ConveyancesRepository,
  EventLogRepository,
  JourneyListsRepository,
  JourneysRepository,
  journeyDocument,
  type EventLogPage,
  type ListedJourney,
  dropDatabaseInSteps,
} from '@mmt/store';
import { applyJourneyUpdates, journeyFacts, periodOf, StatisticsQueries, StatisticsRepository } from '@mmt/analytics';
import { JourneyQueries } from '../apps/gateway/src/journeys/journey-queries';
import { coldChainFirst } from './support/ground-truth';
import { testDatabase } from './support/infra';
import { QueryRecorder, type QueryPlan } from './support/query-recorder';
import { simulatedHistory, type SimulatedHistory } from './support/simulated-history';

/**
 * Every read the gateway, the normalizer and the projector make, run through the real classes against the
 * real store, and each read explained: none may scan a collection, and each examines about what it returns.
 * The store reads a query's whole index range before any limit (SecantusDB), so a page is bounded only by
 * the ranges it asks for; executionStats counts the documents of that range.
 */
const JOURNEYS = 2400;
/** Containers whose events are logged: enough events that a collection scan would show. */
const LOGGED_CONTAINERS = 500;
const PAGE = 20;
/** What a list page whose filter an index serves whole may read: a few times the page, never the collection. */
const MAX_READ_PER_PAGE = 6 * (PAGE + 1);

const principal = (role: Principal['role'], orgId: string): Principal => ({
  keyId: '0a1b2c3d',
  role,
  orgId,
  name: 'x',
});
const PORT = principal('PORT_OFFICE', 'PORT-CQ');
const PARTNER = principal('PARTNER', 'org-de-rheinruhr');
const SHIPPER = principal('SHIPPER', 'org-cq-agri');

/** The plan of each read, with what makes it unacceptable: a collection scan, or far more examined than returned. */
function problems(plans: readonly QueryPlan[], maxExamined: number): string[] {
  return plans.flatMap((p) => {
    const what = `${p.query.collection} ${JSON.stringify(p.query.filter)}`;
    return [
      ...(p.stages.includes('COLLSCAN') || p.stages.length === 0 ? [`${what}: ${p.stages.join(' < ')}`] : []),
      ...(p.docsExamined > maxExamined ? [`${what}: examined ${p.docsExamined} > ${maxExamined}`] : []),
    ];
  });
}

describe('Read paths are served by indexes (real store, explain)', () => {
  let db: Connection;
  let recorder: QueryRecorder;
  let queries: JourneyQueries;
  let history: SimulatedHistory;
  let apiKey: string;
  const examinedBy = (plans: readonly QueryPlan[]) => plans.reduce((sum, p) => sum + p.docsExamined, 0);

  /** The reads `action` made, explained; fails on any problem. */
  async function checked(action: () => Promise<unknown>, maxExamined: number): Promise<QueryPlan[]> {
    const plans = await recorder.plans(await recorder.during(action));
    expect(plans.length).toBeGreaterThan(0);
    expect(problems(plans, maxExamined)).toEqual([]);
    return plans;
  }

  beforeAll(async () => {
    db = await testDatabase('read_indexes');
    history = simulatedHistory({ journeys: JOURNEYS, seed: 29, start: '2026-02-02T08:00:00+08:00' });
    const journeys = new JourneysRepository(db);
    const eventLog = new EventLogRepository(db);
    const conveyances = new ConveyancesRepository(db);
    const keys = new ApiKeysRepository(db);
    await Promise.all([
      journeys.ensureIndexes(),
      eventLog.ensureIndexes(),
      conveyances.ensureIndexes(),
      keys.ensureIndexes(),
    ]);
    // Through the real repositories: saveAll writes the derived fields and the owner directory.
    await journeys.saveAll(history.journeys);
    const logged = new Set(history.journeys.slice(0, LOGGED_CONTAINERS).map((j) => j.containerNo));
    await eventLog.append(history.events.filter((e) => logged.has(e.containerNo)));
    await conveyances.addMembers(history.members);
    await conveyances.addReports(history.reports);
    apiKey = (await keys.create({ role: 'PARTNER', orgId: PARTNER.orgId, name: 'Rhein-Ruhr' })).apiKey;
    recorder = new QueryRecorder(db);
    queries = new JourneyQueries(
      new JourneysRepository(recorder.connection),
      new JourneyListsRepository(recorder.connection),
      new EventLogRepository(recorder.connection),
    );
  }, 10 * 60_000);

  afterAll(async () => {
    await dropDatabaseInSteps(db);
    await db.close();
  });

  it('seeds a realistic store: thousands of journeys, their events, the conveyance join, the owner directory', async () => {
    expect(history.journeys.length).toBeGreaterThanOrEqual(JOURNEYS);
    const owners = [...new Set(history.journeys.map((j) => j.containerNo.slice(0, 4)))].sort();
    expect(await new ContainerOwnersRepository(db).all()).toEqual(owners);
    expect(await db.collection('journeys').countDocuments()).toBe(history.journeys.length);
    expect(await new EventLogRepository(db).count()).toBeGreaterThan(10_000);
    // Reads return the Journey as folded: the derived fields stay in the store.
    const sample = history.journeys[7];
    expect(await new JourneysRepository(db).findById(sample.journeyId)).toEqual(sample);
    expect(await db.collection('journeys').findOne({ _id: sample.journeyId as never })).toMatchObject(
      journeyDocument(sample),
    );
  });

  it('journey by container, by container and document, and the timeline read one container', async () => {
    const sample = history.journeys[3];
    const ofContainer = history.journeys.filter((j) => j.containerNo === sample.containerNo).length;
    for (const caller of [PORT, PARTNER]) {
      // A journey the partner may not see is NOT_FOUND; the read is the same.
      const read = (document?: DocumentRef) => queries.journey(caller, sample.containerNo, document).catch(() => null);
      await checked(() => read(), ofContainer);
      await checked(() => read(sample.documents[0]), ofContainer);
    }
    const events = history.events.filter((e) => e.containerNo === sample.containerNo).length;
    const plans = await checked(() => queries.timeline(PORT, sample.containerNo, 50), Math.max(events, ofContainer));
    expect(plans.map((p) => p.query.collection)).toEqual(['journeys', 'events']);
  });

  it('journeys by document and by conveyance read just the journeys under it', async () => {
    for (const journey of history.journeys.slice(0, 15)) {
      for (const document of journey.documents) {
        const under = history.journeys.filter((j) => j.documents.some((d) => d.ref === document.ref)).length;
        await checked(() => queries.byDocument(PARTNER, document), under);
      }
      for (const key of journeyDocument(journey).derived.conveyanceKeys) {
        const on = history.journeys.filter((j) => journeyDocument(j).derived.conveyanceKeys.includes(key));
        const plans = await checked(() => queries.byConveyance(PORT, key), on.length);
        expect(plans[0].returned).toBe(on.length);
      }
    }
  });

  describe('journey lists', () => {
    const ids = (list: readonly { journeyId: string }[]) => list.map((j) => j.journeyId);
    const byJourneyId = (a: Journey, b: Journey) => (a.journeyId < b.journeyId ? -1 : 1);
    const sorted = (list: readonly Journey[]) => ids(coldChainFirst([...list].sort(byJourneyId)));
    /** `indexed`: the part of the filter an index serves (the rest is checked on what the windows return). */
    const cases: {
      name: string;
      caller: Principal;
      filter: Parameters<JourneyQueries['list']>[1];
      indexed: (j: Journey) => boolean;
    }[] = [
      { name: 'unfiltered, port office', caller: PORT, filter: {}, indexed: () => true },
      { name: 'a partner, unfiltered', caller: PARTNER, filter: {}, indexed: (j) => j.orgIds.includes(PARTNER.orgId) },
      {
        name: 'a shipper with corridor and status',
        caller: SHIPPER,
        filter: { corridor: 'CHINA_EUROPE_RAIL', status: 'COMPLETED' },
        indexed: (j) => j.orgIds.includes(SHIPPER.orgId),
      },
      {
        name: 'corridor and status',
        caller: PORT,
        filter: { corridor: 'LAND_SEA_CORRIDOR', status: 'COMPLETED' },
        indexed: (j) => j.corridor === 'LAND_SEA_CORRIDOR' && j.status === 'COMPLETED',
      },
      {
        name: 'current place',
        caller: PORT,
        filter: { place: 'DEDUI' },
        indexed: (j) => j.currentPlace?.locode === 'DEDUI',
      },
      {
        name: 'current place and status',
        caller: PORT,
        filter: { place: 'SGSIN', status: 'COMPLETED' },
        indexed: (j) => j.currentPlace?.locode === 'SGSIN',
      },
      {
        name: 'status only',
        caller: PORT,
        filter: { status: 'COMPLETED' },
        indexed: (j) => j.status === 'COMPLETED',
      },
      { name: 'delayed only', caller: PORT, filter: { delayedOnly: true }, indexed: (j) => (j.delayMinutes ?? 0) > 0 },
      {
        name: 'corridor only',
        caller: PORT,
        filter: { corridor: 'YANGTZE_RIVER_SEA' },
        indexed: (j) => j.corridor === 'YANGTZE_RIVER_SEA',
      },
      { name: 'active from', caller: PORT, filter: { activeFrom: '2026-03-01T00:00:00+08:00' }, indexed: () => true },
    ];

    it.each(cases)(
      '$name: pages through every match; after the first page each page reads a bounded range',
      async ({ caller, filter, indexed }) => {
        const matching = history.journeys.filter(
          (j) =>
            (caller.role === 'PORT_OFFICE' || j.orgIds.includes(caller.orgId)) &&
            (!filter?.corridor || j.corridor === filter.corridor) &&
            (!filter?.status || j.status === filter.status) &&
            (!filter?.place || j.currentPlace?.locode === filter.place) &&
            (!filter?.delayedOnly || (j.delayMinutes ?? 0) > 0) &&
            (!filter?.activeFrom || Date.parse(j.lastEventAt!) >= Date.parse(filter.activeFrom)),
        );
        expect(matching.length).toBeGreaterThan(PAGE);
        // What a page reads beyond what it returns: the documents of the indexed part that the rest rejects.
        const acceptance = matching.length / history.journeys.filter(indexed).length;
        const bound = Math.ceil(MAX_READ_PER_PAGE / acceptance);
        const seen: ListedJourney[] = [];
        const examined: number[] = [];
        let after: string | null = null;
        for (let page = 0; page < 4 && (page === 0 || after !== null); page += 1) {
          let result: Awaited<ReturnType<JourneyQueries['list']>> | undefined;
          const plans = await checked(async () => {
            result = await queries.list(caller, filter, PAGE, after);
          }, bound);
          seen.push(...result!.nodes);
          examined.push(examinedBy(plans));
          after = result!.hasNextPage ? result!.endCursor : null;
        }
        // Cold-chain journeys first (their own index key), then the others, each by journey id.
        expect(ids(seen)).toEqual(sorted(matching).slice(0, seen.length));
        // The first page of a filter finds its density; the next ones read about a page of it.
        console.log(
          `${JSON.stringify(filter)} ${caller.role}: ${matching.length} match, examined ${examined.join(', ')}`,
        );
        for (const pageExamined of examined.slice(1)) {
          expect(pageExamined).toBeLessThanOrEqual(bound);
        }
      },
      5 * 60_000,
    );
  });

  it('API-key lookup, events by id, the conveyance join and the projector reads go by index', async () => {
    await checked(() => new ApiKeysRepository(recorder.connection).authenticate(apiKey), 1);
    const eventLog = new EventLogRepository(recorder.connection);
    const someEvents = history.events.filter((e) => e.containerNo === history.journeys[0].containerNo);
    await checked(
      () =>
        eventLog.byIds(
          history.journeys[0].containerNo,
          someEvents.map((e) => e.eventId),
        ),
      25,
    );
    await checked(() => eventLog.ofContainers([history.journeys[0].containerNo]), someEvents.length);
    const conveyances = new ConveyancesRepository(recorder.connection);
    const keys = [...new Set(history.members.slice(0, 3).map((m) => m.conveyanceKey))];
    const members = history.members.filter((m) => keys.includes(m.conveyanceKey)).length;
    await checked(() => conveyances.membersOf(keys), members);
    await checked(() => conveyances.reportsOn(keys), 50);
    const containers = history.journeys.slice(0, 10).map((j) => j.containerNo);
    await checked(() => new JourneysRepository(recorder.connection).storedOf(containers), 20);
  });

  it('statistics reads (reports, the contributions the analytics service compares with) use their indexes', async () => {
    const statistics = new StatisticsRepository(db);
    await statistics.ensureIndexes();
    await applyJourneyUpdates(
      statistics,
      'partition-0',
      history.journeys.map((journey) => ({ journey })),
    );
    const reports = new StatisticsQueries(new StatisticsRepository(recorder.connection));
    const released = history.journeys.flatMap(journeyFacts).find((f) => f.metric === 'cleared' && f.locode === 'CNQZH');
    const month = periodOf('MONTH', released!.at);
    const clearance = await checked(() => reports.clearanceReport('CNQZH', month), 20);
    expect(clearance.some((p) => p.returned > 0)).toBe(true);
    await checked(() => reports.hubStats('CNCQI', month), 20);
    await checked(() => reports.corridorStats('LAND_SEA_CORRIDOR', month), 60);
    // The latest day with a statistic: a read of one month's day totals per month looked at, by the month prefix.
    const latest = await reports.latestDay();
    const latestMonthBuckets = await statistics.days.countDocuments({ month: latest!.slice(0, 7) });
    const latestDayReads = await checked(() => reports.latestDay(), latestMonthBuckets);
    expect(latestDayReads.map((p) => p.indexName?.split('_1_')[0])).toEqual(latestDayReads.map(() => 'month'));
    const containers = history.journeys.slice(0, 10).map((j) => j.containerNo);
    await checked(() => new StatisticsRepository(recorder.connection).contributionsOf(containers), 20);
  });

  it('catches a missing index: without one, its read scans the collection and the check fails', async () => {
    const key = journeyDocument(history.journeys[0]).derived.conveyanceKeys[0];
    const journeys = db.collection<{ _id: string }>('journeys');
    await journeys.dropIndex('derived.conveyanceKeys_1');
    try {
      const plans = await recorder.plans(await recorder.during(() => queries.byConveyance(PORT, key)));
      expect(problems(plans, 100).join('\n')).toMatch(/COLLSCAN/);
      expect(plans[0].docsExamined).toBe(history.journeys.length);
    } finally {
      await journeys.createIndex({ 'derived.conveyanceKeys': 1 });
    }
    const events = db.collection<EventLogPage>('events');
    await events.dropIndex('containerNo_1');
    try {
      const plans = await recorder.plans(
        await recorder.during(() => queries.timeline(PORT, history.journeys[0].containerNo)),
      );
      expect(problems(plans, 100).join('\n')).toMatch(/events .*COLLSCAN/);
    } finally {
      await events.createIndex({ containerNo: 1 });
    }
  });
});

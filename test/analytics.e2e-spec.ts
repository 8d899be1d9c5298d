import { isDeepStrictEqual } from 'node:util';
import type { Connection } from 'mongoose';
import {
  applyJourneyUpdates,
  type BucketDelta,
  journeyFacts,
  LATEST_DAY_MONTHS,
  periodOf,
  SKETCH_RELATIVE_ERROR,
  StatisticsQueries,
  StatisticsRepository,
  storedTotals,
  type TotalsById,
  daysOf,
} from '@mmt/analytics';
import { CORRIDORS, TOPICS, type Journey, type RawLoading } from '@mmt/contracts';
import { deleteConsumerGroups } from '@mmt/kafka';
import { simulate, type Simulation } from '@mmt/simulator';
import { connectStore, JourneysRepository, dropDatabaseInSteps } from '@mmt/store';
import { ApiKeysRepository } from '@mmt/access';
import { sendSimulation } from '../apps/simulator/src/send-simulation';
import { rebuildStatistics } from '../apps/analytics/src/rebuild-statistics';
import { clearanceReportFiles } from '../apps/analytics/src/report/clearance-report';

import { drainTo } from './support/drain';
import { expectedOutcome } from './support/ground-truth';
import { query } from './support/graphql-client';
import { testDatabase } from './support/infra';
import { simulatedHistory } from './support/simulated-history';
import { TestPipeline, type Stop } from './support/pipeline';
import { statisticsOf } from './support/statistics';

const DRAIN_TIMEOUT_MS = 8 * 60_000;

type Totals = TotalsById;

function storedStatistics(store: Connection): Promise<Totals> {
  return storedTotals(new StatisticsRepository(store));
}

async function waitForStatistics(store: Connection, expected: Totals, timeoutMs: number): Promise<Totals> {
  const deadline = Date.now() + timeoutMs;
  let stored = await storedStatistics(store);
  while (Date.now() < deadline && !isDeepStrictEqual(stored, expected)) {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    stored = await storedStatistics(store);
  }
  return stored;
}

const sorted = (totals: Totals) =>
  Object.keys(totals)
    .sort()
    .map((id) => [id, totals[id]]);

function exactPercentile(values: readonly number[], percentile: number): number {
  const ordered = [...values].sort((a, b) => a - b);
  return ordered[Math.max(0, Math.ceil((percentile / 100) * ordered.length) - 1)];
}

describe('Port office statistics end to end (real Kafka, real store)', () => {
  const pipeline = new TestPipeline('analytics');
  let store: Connection;
  let simulation: Simulation;
  let journeys: Journey[];
  let expected: Totals;
  let stopAnalytics: Stop;

  beforeAll(async () => {
    store = await connectStore(pipeline.config.mongodbUri);
    simulation = simulate({
      journeys: 400,
      seed: 9,
      start: '2026-03-01T08:00:00+08:00',
      shuffle: 0.2,
      duplicates: 0.1,
      lateManifests: 0.3,
      conveyanceReports: true,
      invalid: 0.01,
    });
    const outcome = expectedOutcome(simulation.validMessages);
    journeys = outcome.journeys;
    expected = statisticsOf(journeys);
    await pipeline.start();
    stopAnalytics = await pipeline.startAnalytics();
    await sendSimulation(pipeline.kafka, pipeline.topics, simulation.messages, { rate: 0 });
    await drainTo(store, outcome, DRAIN_TIMEOUT_MS, 'analytics');
    await pipeline.waitUntilCommittedToEnd('projector', [pipeline.topics.name(TOPICS.trackingEvents)]);
    await pipeline.waitUntilCommittedToEnd('analytics', [pipeline.topics.name(TOPICS.journeyUpdates)]);
  }, DRAIN_TIMEOUT_MS + 120_000);

  afterAll(async () => {
    await pipeline.stop(store);
    await store.close();
  });

  it('covers the three corridors over about a month, with releases and inspections', () => {
    const months = new Set(journeys.flatMap((j) => j.milestones.map((m) => periodOf('MONTH', m.at))));
    expect(months.size).toBeGreaterThanOrEqual(2);
    expect(Object.values(simulation.journeysByCorridor).every((n) => n > 0)).toBe(true);
    const metrics = new Set(journeys.flatMap(journeyFacts).map((f) => f.metric));
    expect([...metrics].sort()).toEqual(
      [
        'arrived',
        'awaitingDeclaration',
        'cleared',
        'clearance',
        'declarationToRelease',
        'declared',
        'declaredBeforeArrival',
        'delivered',
        'departed',
        'dwell',
        'inspected',
        'legTransit',
        'started',
        'transit',
      ].sort(),
    );
  });

  it('keeps every bucket equal to the statistics of the ground-truth journeys, exactly', async () => {
    expect(pipeline.fatal).toEqual([]);
    const stored = await waitForStatistics(store, expected, 60_000);
    expect(sorted(stored)).toEqual(sorted(expected));
  });

  it('counts each container released and inspected by customs once, as the source systems reported it', async () => {
    const loadings = simulation.validMessages.filter((m): m is RawLoading => m.kind === 'LOADING');
    const released = new Map<string, RawLoading>();
    const inspected = new Set<string>();
    for (const message of loadings) {
      if (message.operation === 'CUSTOMS_RELEASED') {
        released.set(`${message.containerNo}|${message.location.locode}`, message);
      }
      if (message.operation === 'CUSTOMS_INSPECTED') {
        inspected.add(`${message.containerNo}|${message.location.locode}`);
      }
    }
    const queries = new StatisticsQueries(new StatisticsRepository(store));
    const ports = new Set([...released.values()].map((m) => `${m.location.locode}|${periodOf('MONTH', m.eventTime)}`));
    for (const portMonth of ports) {
      const [port, month] = portMonth.split('|');
      const here = [...released.entries()].filter(
        ([, m]) => m.location.locode === port && periodOf('MONTH', m.eventTime) === month,
      );
      const report = await queries.clearanceReport(port, month);
      expect({ portMonth, cleared: report.rows[0].cleared.containers }).toEqual({ portMonth, cleared: here.length });
      expect({ portMonth, inspected: report.rows[0].inspected }).toEqual({
        portMonth,
        inspected: here.filter(([key]) => inspected.has(key)).length,
      });
    }
    // A day's and a week's report read only those days of the buckets: the same counts per day and week.
    for (const granularity of ['DAY', 'WEEK'] as const) {
      const periods = new Set(
        [...released.values()].map((m) => `${m.location.locode}|${periodOf(granularity, m.eventTime)}`),
      );
      for (const portPeriod of periods) {
        const [port, period] = portPeriod.split('|');
        const here = [...released.values()].filter(
          (m) => m.location.locode === port && periodOf(granularity, m.eventTime) === period,
        );
        const { rows } = await queries.clearanceReport(port, period);
        expect({ portPeriod, cleared: rows[0].cleared.containers }).toEqual({ portPeriod, cleared: here.length });
      }
    }
  });

  it("gives each corridor's deliveries per day of the month, as the ground-truth journeys say", async () => {
    const queries = new StatisticsQueries(new StatisticsRepository(store));
    const delivered = journeys.flatMap(journeyFacts).filter((f) => f.metric === 'delivered');
    const months = [...new Set(delivered.map((f) => periodOf('MONTH', f.at)))];
    expect(delivered.length).toBeGreaterThan(0);
    for (const corridor of CORRIDORS) {
      for (const month of months) {
        const days = await queries.corridorDays(corridor, month);
        const expectedDays = days.map(
          (d) => delivered.filter((f) => f.corridor === corridor && periodOf('DAY', f.at) === d.period).length,
        );
        expect(days.map((d) => d.delivered.containers)).toEqual(expectedDays);
      }
    }
  });

  it("delivers on all three corridors as the simulator's own trips say: the same days, the same door-to-door times", async () => {
    const queries = new StatisticsQueries(new StatisticsRepository(store));
    // The simulator's truth, not the fold: a trip is delivered when its last leg arrives at its destination.
    const delivered = simulation.truth.trips.flatMap((trip) => {
      const last = trip.legs.at(-1);
      return last?.arrivedAt === undefined || last.to !== trip.destination
        ? []
        : [
            {
              trip,
              at: last.arrivedAt,
              minutes: (Date.parse(last.arrivedAt) - Date.parse(trip.legs[0].departedAt)) / 60_000,
            },
          ];
    });
    for (const corridor of CORRIDORS) {
      const here = delivered.filter((d) => d.trip.corridor === corridor);
      expect([corridor, here.length > 0]).toEqual([corridor, true]);
      for (const month of new Set(here.map((d) => periodOf('MONTH', d.at)))) {
        const inMonth = here.filter((d) => periodOf('MONTH', d.at) === month);
        const days = await queries.corridorDays(corridor, month);
        expect([corridor, month, days.map((d) => d.delivered.containers)]).toEqual([
          corridor,
          month,
          days.map((d) => inMonth.filter((f) => periodOf('DAY', f.at) === d.period).length),
        ]);
        const { delivered: throughput, transit } = await queries.corridorStats(corridor, month);
        const meanMinutes = inMonth.reduce((sum, d) => sum + d.minutes, 0) / inMonth.length;
        expect([corridor, month, throughput.containers, transit?.count]).toEqual([
          corridor,
          month,
          inMonth.length,
          inMonth.length,
        ]);
        expect(transit!.meanMinutes).toBeCloseTo(meanMinutes, 6);
      }
    }
  });

  it('reads percentiles within the sketch error of the exact ones, and means exactly', async () => {
    const queries = new StatisticsQueries(new StatisticsRepository(store));
    const facts = journeys.flatMap(journeyFacts).filter((f) => f.metric === 'clearance');
    const byPortMonth = new Map<string, number[]>();
    for (const fact of facts) {
      const key = `${fact.locode}|${periodOf('MONTH', fact.at)}`;
      byPortMonth.set(key, [...(byPortMonth.get(key) ?? []), fact.minutes!]);
    }
    expect(byPortMonth.size).toBeGreaterThan(0);
    for (const [key, minutes] of byPortMonth) {
      const [port, month] = key.split('|');
      const { clearance } = (await queries.clearanceReport(port, month)).rows[0];
      expect(clearance!.count).toBe(minutes.length);
      expect(clearance!.meanMinutes).toBeCloseTo(minutes.reduce((a, b) => a + b, 0) / minutes.length, 9);
      for (const [p, read] of [
        [50, clearance!.p50Minutes],
        [90, clearance!.p90Minutes],
        [99, clearance!.p99Minutes],
      ] as const) {
        const exact = exactPercentile(minutes, p);
        expect(Math.abs(read - exact)).toBeLessThanOrEqual(Math.max(1, exact * SKETCH_RELATIVE_ERROR));
      }
    }
  });

  it('serves the clearance report over GraphQL to the port office only, with a precise error for a bad period', async () => {
    const url = await pipeline.startGateway();
    const keys = new ApiKeysRepository(store);
    const portKey = (await keys.create({ role: 'PORT_OFFICE', orgId: 'PORT-CQ', name: 'Port office' })).apiKey;
    const shipperKey = (await keys.create({ role: 'SHIPPER', orgId: 'org-cq-agri', name: 'Shipper' })).apiKey;
    const report = `query ($period: String!) {
      clearanceReport(port: "CNQZH", period: $period) {
        port period gapMinutes
        rows {
          direction cleared { containers teu } inspected inspectionShare
          clearance { count meanMinutes p50Minutes p90Minutes p99Minutes }
          awaitingDeclaration { count meanMinutes p50Minutes p90Minutes p99Minutes }
          declarationToRelease { count meanMinutes p50Minutes p90Minutes p99Minutes }
        }
        baseline { period meanMinutes }
        target { by reduction meanMinutes }
      }
    }`;
    // The month the simulated traffic runs in (some waybills are issued in the days before it).
    const month = periodOf('MONTH', '2026-03-01T08:00:00+08:00');
    const expectedReport = await new StatisticsQueries(new StatisticsRepository(store)).clearanceReport('CNQZH', month);
    const served = await query<{ clearanceReport: unknown }>(url, portKey, report, { period: month });
    expect(served.errors).toBeUndefined();
    expect(served.data?.clearanceReport).toEqual(expectedReport);
    expect(expectedReport.rows[0].cleared.containers).toBeGreaterThan(0);

    const refused = await query(url, shipperKey, report, { period: month });
    expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const badPeriod = await query(url, portKey, report, { period: 'March' });
    expect(badPeriod.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(badPeriod.errors?.[0].message).toContain('period must be a day');
  });

  it('writes the periodic clearance report as CSV and a printable page with the same figures', async () => {
    const queries = new StatisticsQueries(new StatisticsRepository(store));
    const released = journeys.flatMap(journeyFacts).find((f) => f.metric === 'cleared' && f.locode === 'CNQZH')!;
    const month = periodOf('MONTH', released.at);
    const report = await queries.clearanceReport('CNQZH', month);
    const { csv, html } = await clearanceReportFiles(queries, 'CNQZH', month, '2026-11-27T00:00:00Z');
    const lines = csv
      .trim()
      .split('\n')
      .map((line) => line.split(','));
    const [header, overall] = lines;
    const column = (name: string) => overall[header.indexOf(name)];
    expect(overall[0]).toBe(month);
    expect(Number(column('cleared_containers'))).toBe(report.rows[0].cleared.containers);
    expect(Number(column('clearance_mean_hours'))).toBeCloseTo(report.rows[0].clearance!.meanMinutes / 60, 1);
    expect(Number(column('target_mean_hours'))).toBeCloseTo(report.target!.meanMinutes / 60, 1);
    // One row per direction, then one per day of the month; the days add up to the month.
    const days = lines.slice(5);
    expect(days.map((d) => d[0])).toEqual(daysOf(month));
    const daily = days.reduce((sum, d) => sum + Number(d[header.indexOf('cleared_containers')]), 0);
    expect(daily).toBe(report.rows[0].cleared.containers);
    expect(html).toContain(`<b>${report.rows[0].cleared.containers}</b>`);
    expect(html).toContain('Mean clearance time per day');
    expect(html.match(/<svg /g)).toHaveLength(2);
  });

  it("ranks the port's customs brokers by their declarations, as the simulator lodged them", async () => {
    const queries = new StatisticsQueries(new StatisticsRepository(store));
    const declared = journeys.flatMap(journeyFacts).filter((f) => f.metric === 'declared' && f.locode === 'CNQZH');
    const month = periodOf('MONTH', declared[0].at);
    const inMonth = declared.filter((f) => periodOf('MONTH', f.at) === month);
    const declarations = simulation.validMessages.filter(
      (m): m is RawLoading =>
        m.kind === 'LOADING' &&
        m.operation === 'CUSTOMS_DECLARED' &&
        m.location.locode === 'CNQZH' &&
        periodOf('MONTH', m.eventTime) === month,
    );
    const report = await queries.brokerTimeliness('CNQZH', month);
    expect(report.brokers.map((b) => b.broker).sort()).toEqual(
      [...new Set(declarations.map((d) => d.customsBroker!.orgId))].sort(),
    );
    expect(report.brokers.reduce((sum, b) => sum + b.declarations, 0)).toBe(declarations.length);
    for (const broker of report.brokers) {
      const own = inMonth.filter((f) => f.broker === broker.broker);
      expect(broker.declarations).toBe(own.length);
      expect(broker.delay.meanMinutes).toBeCloseTo(own.reduce((sum, f) => sum + f.minutes!, 0) / own.length, 6);
    }
    const means = report.brokers.map((b) => b.delay.meanMinutes);
    expect(means).toEqual([...means].sort((x, y) => x - y));
    expect(report.brokers.map((b) => b.rank)).toEqual(report.brokers.map((_, i) => i + 1));
    const { brokersCsv, html } = await clearanceReportFiles(queries, 'CNQZH', month);
    expect(brokersCsv.trim().split('\n')).toHaveLength(report.brokers.length + 1);
    expect(html).toContain(report.brokers[0].brokerName);
  });

  it('reads a week, across the turn of a month, as the sum of its days', async () => {
    const queries = new StatisticsQueries(new StatisticsRepository(store));
    const released = journeys.flatMap(journeyFacts).filter((f) => f.metric === 'cleared' && f.locode === 'CNQZH');
    const lastDay = released.map((f) => periodOf('DAY', f.at)).sort()[Math.floor(released.length / 2)];
    const week = periodOf('WEEK', lastDay);
    const days = daysOf(week);
    expect(days).toHaveLength(7);
    const weekly = await queries.clearanceReport('CNQZH', week);
    let sum = 0;
    for (const day of days) {
      sum += (await queries.clearanceReport('CNQZH', day)).rows[0].cleared.containers;
    }
    expect(weekly.rows[0].cleared.containers).toBe(sum);
    expect(sum).toBe(released.filter((f) => days.includes(periodOf('DAY', f.at))).length);
    const turn = periodOf('WEEK', '2026-03-31T12:00:00+08:00');
    expect(new Set(daysOf(turn).map((d) => d.slice(0, 7))).size).toBe(2);
    const across = released.filter((f) => daysOf(turn).includes(periodOf('DAY', f.at))).length;
    expect((await queries.clearanceReport('CNQZH', turn)).rows[0].cleared.containers).toBe(across);
  });

  it("gives a corridor's figures for each day of a week and of a day, and the latest day with a statistic", async () => {
    const queries = new StatisticsQueries(new StatisticsRepository(store));
    const facts = journeys.flatMap(journeyFacts);
    const delivered = facts.filter((f) => f.metric === 'delivered' && f.corridor === 'LAND_SEA_CORRIDOR');
    const busiest = delivered.map((f) => periodOf('DAY', f.at)).sort()[Math.floor(delivered.length / 2)];
    const deliveredOn = (day: string) => delivered.filter((f) => periodOf('DAY', f.at) === day).length;
    const week = await queries.corridorDays('LAND_SEA_CORRIDOR', periodOf('WEEK', busiest));
    expect(week.map((d) => d.period)).toEqual(daysOf(periodOf('WEEK', busiest)));
    expect(week.map((d) => d.delivered.containers)).toEqual(week.map((d) => deliveredOn(d.period)));
    const day = await queries.corridorDays('LAND_SEA_CORRIDOR', busiest);
    expect(day.map((d) => [d.period, d.delivered.containers])).toEqual([[busiest, deliveredOn(busiest)]]);
    expect(deliveredOn(busiest)).toBeGreaterThan(0);

    const latest = facts
      .map((f) => periodOf('DAY', f.at))
      .sort()
      .at(-1)!;
    expect(await queries.latestDay()).toBe(latest);
    // It looks no further back than LATEST_DAY_MONTHS, and never finds a day after the month of now.
    const monthsAfter = (months: number) => Date.parse(`${latest}T12:00:00+08:00`) + months * 31 * 86_400_000;
    expect(await queries.latestDay(monthsAfter(LATEST_DAY_MONTHS - 1))).toBe(latest);
    expect(await queries.latestDay(monthsAfter(LATEST_DAY_MONTHS + 2))).toBeUndefined();
    expect(await queries.latestDay(Date.parse('2025-06-01T00:00:00Z'))).toBeUndefined();
  });

  it('changes nothing when every journey update is read again from the start', async () => {
    await stopAnalytics();
    await deleteConsumerGroups(pipeline.kafka, [`${pipeline.config.namespace}analytics`]);
    stopAnalytics = await pipeline.startAnalytics();
    await pipeline.waitUntilCommittedToEnd('analytics', [pipeline.topics.name(TOPICS.journeyUpdates)]);
    expect(sorted(await storedStatistics(store))).toEqual(sorted(expected));
  });

  it('rebuilds the same statistics from the stored journeys', async () => {
    await stopAnalytics();
    const report = await rebuildStatistics(new JourneysRepository(store), new StatisticsRepository(store));
    expect(report.journeys).toBe(journeys.length);
    expect(sorted(await storedStatistics(store))).toEqual(sorted(expected));
  });
});

/** A repository whose process dies after applying half of a change's bucket deltas, once. */
class CrashingOnce extends StatisticsRepository {
  crashed = false;

  protected override async applyDeltas(writer: string, seq: number, deltas: readonly BucketDelta[]): Promise<void> {
    if (this.crashed) {
      return super.applyDeltas(writer, seq, deltas);
    }
    await super.applyDeltas(writer, seq, deltas.slice(0, Math.floor(deltas.length / 2)));
    this.crashed = true;
    throw new Error('crash after half of the buckets');
  }
}

describe('Statistics after a crash in the middle of a change (real store)', () => {
  let store: Connection;

  beforeAll(async () => {
    store = await testDatabase('analytics-crash');
  });

  afterAll(async () => {
    await dropDatabaseInSteps(store);
    await store.close();
  });

  it('adds up the changes of writers that share buckets at the same time', async () => {
    const { journeys } = simulatedHistory({ journeys: 240, seed: 6, start: '2026-03-02T08:00:00+08:00' });
    const repository = new StatisticsRepository(store);
    await repository.deleteAll();
    const writers = [0, 1, 2, 3].map((w) => journeys.filter((_, i) => i % 4 === w).map((journey) => ({ journey })));
    await Promise.all(writers.map((updates, w) => applyJourneyUpdates(repository, `partition-${w}`, updates)));
    expect(await storedStatistics(store)).toEqual(statisticsOf(journeys));
    await repository.deleteAll();
  });

  it('finishes the interrupted change once, then takes replays as no-ops', async () => {
    const { journeys } = simulatedHistory({ journeys: 120, seed: 5, start: '2026-03-02T08:00:00+08:00' });
    const updates = journeys.map((journey) => ({ journey }));
    const crashing = new CrashingOnce(store);
    await crashing.ensureIndexes();
    await expect(applyJourneyUpdates(crashing, 'partition-0', updates)).rejects.toThrow('crash after half');
    const halfway = await storedStatistics(store);
    expect(halfway).not.toEqual(statisticsOf(journeys));

    const repository = new StatisticsRepository(store);
    const replay = await applyJourneyUpdates(repository, 'partition-0', updates);
    expect(replay.journeysChanged).toBe(0);
    expect(await storedStatistics(store)).toEqual(statisticsOf(journeys));
    await applyJourneyUpdates(repository, 'partition-0', updates);
    expect(await storedStatistics(store)).toEqual(statisticsOf(journeys));
  });
});

describe('Statistics written by an earlier version (real store)', () => {
  let store: Connection;

  beforeAll(async () => {
    store = await testDatabase('analytics-format');
  });

  afterAll(async () => {
    await dropDatabaseInSteps(store);
    await store.close();
  });

  it('tells a month bucket that still holds its days apart, and a rebuild replaces it', async () => {
    const repository = new StatisticsRepository(store);
    const { journeys } = simulatedHistory({ journeys: 40, seed: 4, start: '2026-03-02T08:00:00+08:00' });
    await applyJourneyUpdates(
      repository,
      'partition-0',
      journeys.map((journey) => ({ journey })),
    );
    expect(await repository.needsRebuild()).toBe(false);

    const { months, days } = await repository.all();
    const byId = new Map(days.map((doc) => [doc._id, doc.days]));
    await store.collection('stats_buckets').deleteMany({});
    await store
      .collection('stats_buckets')
      .insertMany(months.map((doc) => ({ ...doc, days: byId.get(doc._id) ?? {} })) as never[]);
    await store.collection('stats_days').deleteMany({});
    expect(await repository.needsRebuild()).toBe(true);

    await store
      .collection('journeys')
      .insertMany(journeys.map((journey) => ({ ...journey, _id: journey.journeyId })) as never[]);
    await rebuildStatistics(new JourneysRepository(store), repository);
    expect(await repository.needsRebuild()).toBe(false);
    expect(await storedStatistics(store)).toEqual(statisticsOf(journeys));
  });
});

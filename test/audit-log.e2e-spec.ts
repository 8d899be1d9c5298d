import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { Connection } from 'mongoose';
import { applyJourneyUpdates, StatisticsRepository } from '@mmt/analytics';
import { simulate } from '@mmt/simulator';
import {
  connectStore,
  EventLogRepository,
  eventsOfPage,
  JourneysRepository,
  type EventLogPage,
  type JourneyDocument,
  dropDatabaseInSteps,
} from '@mmt/store';
import { ContainerStateCache } from '../apps/projector/src/container-state';
import { projectBatch, type JourneyChange } from '../apps/projector/src/project-batch';
import { auditEventLog, type DifferenceKind } from '../apps/projector/src/audit-log';
import { expectedOutcome } from './support/ground-truth';
import { infra, uniqueSuffix } from './support/infra';

/**
 * `npm run audit:log` on the real store: silent when the log, the journeys and the statistics agree, and naming
 * each kind of difference when they do not, with a non-zero exit.
 */
describe('audit:log (real store)', () => {
  const uri = new URL(infra.mongodbUri);
  uri.pathname = `/test_audit_${uniqueSuffix()}`.replace(/-/g, '_');
  let store: Connection;

  beforeAll(async () => {
    store = await connectStore(uri.toString());
    const simulation = simulate({
      journeys: 40,
      seed: 5,
      start: '2026-03-02T08:00:00+08:00',
      shuffle: 0.2,
      duplicates: 0.1,
      lateManifests: 0.3,
      conveyanceReports: true,
      invalid: 0,
    });
    const events = [...expectedOutcome(simulation.validMessages).events.values()];
    const statistics = new StatisticsRepository(store);
    await statistics.ensureIndexes();
    const stores = { eventLog: new EventLogRepository(store), journeys: new JourneysRepository(store) };
    const cache = new ContainerStateCache();
    // Two batches, as the pipeline would project them, and the statistics of every change published.
    for (const batch of [events.slice(0, events.length / 2), events.slice(events.length / 2)]) {
      await projectBatch(batch, stores, cache, async (changed: readonly JourneyChange[]) => {
        await applyJourneyUpdates(statistics, 'partition-0', changed);
      });
    }
  });

  afterAll(async () => {
    await dropDatabaseInSteps(store);
    await store.close();
  });

  function runAudit(): { status: number | null; stdout: string } {
    const result = spawnSync(process.execPath, ['-r', '@swc-node/register', 'apps/projector/src/audit.ts'], {
      cwd: join(__dirname, '..'),
      env: { ...process.env, MONGODB_URI: uri.toString() },
      encoding: 'utf8',
    });
    return { status: result.status, stdout: result.stdout + result.stderr };
  }

  const kinds = async (): Promise<DifferenceKind[]> => [
    ...new Set((await auditEventLog(store)).differences.map((d) => d.kind)),
  ];

  it('finds no difference in a projection that is right, and exits 0', async () => {
    const report = await auditEventLog(store);
    expect(report.differences).toEqual([]);
    expect(report.journeys).toBeGreaterThan(30);
    expect(report.extraCopies).toBe(0);
    const cli = runAudit();
    expect(cli.stdout).toContain('no differences');
    expect(cli.status).toBe(0);
  });

  it('names an event lost from the log that a journey still lists, and exits 1', async () => {
    const pages = store.collection<EventLogPage>('events');
    const page = (await pages.find({}).toArray()).find((p) => eventsOfPage(p).length > 1)!;
    const [lost, ...kept] = eventsOfPage(page);
    await pages.updateOne({ _id: page._id }, { $set: { eventsJson: JSON.stringify(kept) } });
    try {
      const report = await auditEventLog(store);
      const missing = report.differences.filter((d) => d.kind === 'EVENTS_MISSING_FROM_LOG');
      expect(missing.length).toBeGreaterThan(0);
      expect(missing.some((d) => d.detail.includes(lost.eventId))).toBe(true);
      const cli = runAudit();
      expect(cli.status).toBe(1);
      expect(cli.stdout).toContain(`EVENTS_MISSING_FROM_LOG`);
    } finally {
      await pages.updateOne({ _id: page._id }, { $set: { eventsJson: page.eventsJson } });
    }
    expect(await kinds()).toEqual([]);
  });

  it('names a journey that differs, one not stored and one the log does not make', async () => {
    const journeys = store.collection<JourneyDocument>('journeys');
    const [first, second] = await journeys.find({}).sort({ _id: 1 }).limit(2).toArray();
    await journeys.updateOne({ _id: first._id }, { $set: { status: 'CANCELLED' } });
    await journeys.deleteOne({ _id: second._id });
    await journeys.insertOne({ ...second, _id: 'XXXU0000000/UNDOCUMENTED', journeyId: 'XXXU0000000/UNDOCUMENTED' });
    try {
      const report = await auditEventLog(store);
      const byKind = (kind: DifferenceKind) => report.differences.filter((d) => d.kind === kind).map((d) => d.id);
      expect(byKind('JOURNEY_DIFFERS')).toEqual([first._id]);
      expect(report.differences.find((d) => d.kind === 'JOURNEY_DIFFERS')!.detail).toContain('status');
      expect(byKind('JOURNEY_NOT_STORED')).toEqual([second._id]);
      expect(byKind('JOURNEY_NOT_IN_LOG')).toEqual(['XXXU0000000/UNDOCUMENTED']);
    } finally {
      await journeys.replaceOne({ _id: first._id }, first);
      await journeys.insertOne(second);
      await journeys.deleteOne({ _id: 'XXXU0000000/UNDOCUMENTED' });
    }
    expect(await kinds()).toEqual([]);
  });

  it('names a statistics bucket that differs from what the journeys make', async () => {
    const buckets = store.collection<{ _id: string; metrics: Record<string, { count: number }> }>('stats_buckets');
    const bucket = (
      await buckets
        .find({ 'metrics.started': { $exists: true } })
        .limit(1)
        .toArray()
    )[0];
    await buckets.updateOne({ _id: bucket._id }, { $inc: { 'metrics.started.count': 1 } });
    try {
      const report = await auditEventLog(store);
      expect(report.differences).toEqual([
        { kind: 'STATISTICS_DIFFER', id: bucket._id, detail: 'metrics that differ: started' },
      ]);
    } finally {
      await buckets.updateOne({ _id: bucket._id }, { $inc: { 'metrics.started.count': -1 } });
    }
    expect(await kinds()).toEqual([]);
  });
});

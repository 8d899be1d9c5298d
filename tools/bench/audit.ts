/**
 * `npm run bench:audit -- [--events 1000000] [--steps 100000,1000000]`: what `npm run audit:log` costs against the
 * size of the event log. Fills a database of its own by projecting simulated traffic straight into the store (the
 * real projectBatch and statistics, no Kafka), and at each step times, in the same run:
 *   - the baseline: one bare pass over every log page and every journey id, nothing folded or compared;
 *   - the audit: the same reads, every container folded and compared, the statistics recomputed and compared.
 * Drops its database at the end.
 */
import { parseArgs } from 'node:util';
import { applyJourneyUpdates, StatisticsRepository } from '@mmt/analytics';
import { loadInfraConfig } from '@mmt/config';
import { toTrackingEvents } from '@mmt/normalize';
import { simulate } from '@mmt/simulator';
import { connectStore, EventLogRepository, eventsOfPage, JourneysRepository, type EventLogPage } from '@mmt/store';
import { auditEventLog } from '../../apps/projector/src/audit-log';
import { ContainerStateCache } from '../../apps/projector/src/container-state';
import { projectBatch } from '../../apps/projector/src/project-batch';

const JOURNEYS_PER_CHUNK = 500;
const EVENTS_PER_BATCH = 20_000;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { events: { type: 'string', default: '1000000' }, steps: { type: 'string' } },
  });
  const total = Number(values.events);
  const steps = (values.steps ?? `${Math.round(total / 10)},${total}`).split(',').map(Number);
  const uri = new URL(loadInfraConfig().mongodbUri);
  uri.pathname = `/bench_audit_${Date.now().toString(36)}`;
  const store = await connectStore(uri.toString());
  const stores = { eventLog: new EventLogRepository(store), journeys: new JourneysRepository(store) };
  const statistics = new StatisticsRepository(store);
  await stores.eventLog.ensureIndexes();
  await stores.journeys.ensureIndexes();
  await statistics.ensureIndexes();
  const cache = new ContainerStateCache();
  const publish = async (changed: Parameters<typeof applyJourneyUpdates>[2]) => {
    await applyJourneyUpdates(statistics, 'partition-0', changed);
  };
  try {
    let logged = 0;
    let chunk = 0;
    const started = Date.now();
    for (const step of steps) {
      while (logged < step) {
        // Each chunk is its own stretch of traffic: its own seed, a week after the one before.
        const start = new Date(Date.parse('2026-01-05T08:00:00+08:00') + chunk * 7 * 86_400_000).toISOString();
        const simulation = simulate({
          journeys: JOURNEYS_PER_CHUNK,
          seed: 1000 + chunk,
          start,
          shuffle: 0.1,
          duplicates: 0.05,
          lateManifests: 0.2,
          conveyanceReports: false,
          invalid: 0,
        });
        chunk += 1;
        const ctx = { rawRef: 'bench', receivedAt: start };
        const events = simulation.validMessages.flatMap((message) => toTrackingEvents(message, ctx).events);
        for (let i = 0; i < events.length; i += EVENTS_PER_BATCH) {
          logged += (await projectBatch(events.slice(i, i + EVENTS_PER_BATCH), stores, cache, publish)).newEvents;
        }
        process.stderr.write(`\rbench:audit: ${logged.toLocaleString('en-US')} events logged...`);
      }
      process.stderr.write(`\n`);
      console.log(
        `bench:audit: filled to ${logged.toLocaleString('en-US')} events in ${((Date.now() - started) / 1000).toFixed(0)} s`,
      );

      const baselineStarted = performance.now();
      let pages = 0;
      for await (const page of store.collection<EventLogPage>('events').find({}).sort({ _id: 1 })) {
        pages += eventsOfPage(page).length > 0 ? 1 : 0;
      }
      let ids = 0;
      for await (const id of stores.journeys.ids()) {
        ids += id.length > 0 ? 1 : 0;
      }
      const baselineMs = performance.now() - baselineStarted;

      const auditStarted = performance.now();
      const report = await auditEventLog(store);
      const auditMs = performance.now() - auditStarted;
      const heapMb = Math.round(process.memoryUsage().heapUsed / 1024 / 1024);
      console.log(
        `bench:audit: ${report.events.toLocaleString('en-US')} events, ${report.containers.toLocaleString('en-US')} containers, ` +
          `${report.journeys.toLocaleString('en-US')} journeys, ${pages.toLocaleString('en-US')} pages: ` +
          `baseline (read pages and ids) ${(baselineMs / 1000).toFixed(1)} s; ` +
          `audit ${(auditMs / 1000).toFixed(1)} s (${Math.round(report.events / (auditMs / 1000)).toLocaleString('en-US')} events/s, ` +
          `${(auditMs / baselineMs).toFixed(1)} x the baseline); ${report.differences.length} differences; heap ${heapMb} MB; ids ${ids}`,
      );
    }
  } finally {
    await store.dropDatabase();
    await store.close();
  }
}

main().catch((error: unknown) => {
  console.error(`bench:audit: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
});

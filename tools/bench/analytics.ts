/**
 * `npm run bench:analytics`: does the statistics service keep up, and what does a report cost at a port's size?
 * 1. A raw backlog of --events canonical events goes through the real normalizer, projector, analytics and alerts
 *    processes. From the same run it prints the rate at which the projector publishes journey updates and the
 *    rates at which the analytics and alerts services commit them (only after their writes), and how far behind
 *    the statistics ever were.
 * 2. For each size in --journeys (default 10,000 and 1,000,000: the cost against size), statistics buckets are
 *    seeded through the analytics write path, from the facts of simulated journeys (repeated over four years
 *    for more than 10,000). Then it prints the p50/p99 of `clearanceReport`, `hubStats` and `corridorStats`,
 *    beside baseline reads of one bucket by `_id` and of a port's month of buckets.
 * Needs `npm run infra:up` (or KAFKA_BROKERS / MONGODB_URI).
 * `--events 0` skips the pipeline run.
 *   npm run bench:analytics -- [--events 200000] [--journeys 10000,1000000] [--runs 500] [--keep]
 */
import { parseArgs } from 'node:util';
import {
  BucketDeltas,
  bucketId,
  journeyFacts,
  periodOf,
  StatisticsQueries,
  StatisticsRepository,
  type Fact,
} from '@mmt/analytics';
import { RAW_TOPICS, TOPICS } from '@mmt/contracts';
import { createKafka, deleteTopics, ensureTopics, TopicNames } from '@mmt/kafka';
import { isolatedPlatformConfig, platformConfigFromEnv } from '@mmt/platform';
import { connectStore } from '@mmt/store';
import { sendSimulation } from '../../apps/simulator/src/send-simulation';
import { simulatedHistory } from '../../test/support/simulated-history';
import {
  offsetTotals,
  percentile,
  rate,
  runBench,
  running,
  seconds,
  simulateInThePast,
  startService,
  stopService,
} from './support';

const EVENTS_PER_JOURNEY = 25;
const SAMPLE_JOURNEYS = 10_000;
const YEAR_MS = 365 * 86_400_000;
const DELTAS_PER_CHANGE = 200;
const n = (value: number) => value.toLocaleString('en-US');

async function pipelineRun(eventsWanted: number, keep: boolean): Promise<string> {
  if (eventsWanted === 0) {
    return '\n  pipeline run              skipped (--events 0)';
  }
  const config = isolatedPlatformConfig(platformConfigFromEnv(), `bench-analytics-${Date.now().toString(36)}`);
  const topics = new TopicNames(config.namespace);
  const kafka = createKafka('bench', config.kafkaBrokers);
  const simulation = simulateInThePast({
    journeys: Math.ceil(eventsWanted / EVENTS_PER_JOURNEY),
    seed: 12,
    start: '2025-01-06T08:00:00+08:00',
    shuffle: 0.05,
    duplicates: 0.02,
    lateManifests: 0.1,
    conveyanceReports: true,
    invalid: 0,
  });
  await ensureTopics(kafka, topics.specs());
  console.log(`bench: producing ${n(simulation.messages.length)} raw messages (the backlog)`);
  await sendSimulation(kafka, topics, simulation.messages, { rate: 0 });

  const env = {
    MONGODB_URI: config.mongodbUri,
    KAFKA_BROKERS: config.kafkaBrokers.join(','),
    MMT_NAMESPACE: config.namespace,
  };
  const services = ['normalizer', 'projector', 'analytics', 'alerts'].map((service) => startService(service, env));
  running.push(...services);
  const rawTopics = RAW_TOPICS.map((t) => topics.name(t));
  const updatesTopic = topics.name(TOPICS.journeyUpdates);
  const started = Date.now();
  let firstPublishedAt: number | undefined;
  let projectorDoneAt: number | undefined;
  let maxBehind = 0;
  let published = 0;
  let analysed = 0;
  let alerted = 0;
  let alertsDoneAt: number | undefined;
  let analyticsDoneAt: number | undefined;
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    if (services.some((s) => s.exitCode !== null)) {
      throw new Error('a service exited during the run; see its log');
    }
    let raw, events, updates, alerts;
    try {
      raw = await offsetTotals(kafka, `${config.namespace}normalizer`, rawTopics);
      events = await offsetTotals(kafka, `${config.namespace}projector`, [topics.name(TOPICS.trackingEvents)]);
      updates = await offsetTotals(kafka, `${config.namespace}analytics`, [updatesTopic]);
      alerts = await offsetTotals(kafka, `${config.namespace}alerts`, [updatesTopic]);
    } catch (error) {
      console.log(`bench: offsets not readable yet (${error instanceof Error ? error.message : String(error)})`);
      continue;
    }
    published = updates.end;
    analysed = updates.committed;
    alerted = alerts.committed;
    firstPublishedAt ??= published > 0 ? Date.now() : undefined;
    const projectorDone = raw.committed === raw.end && events.committed === events.end && events.end > 0;
    projectorDoneAt ??= projectorDone ? Date.now() : undefined;
    maxBehind = Math.max(maxBehind, published - analysed);
    analyticsDoneAt ??= projectorDone && analysed === published ? Date.now() : undefined;
    alertsDoneAt ??= projectorDone && alerted === published ? Date.now() : undefined;
    console.log(
      `bench: ${seconds(Date.now() - started)} events ${n(events.committed)}/${n(events.end)} projected, journey updates ${n(analysed)}/${n(published)} in the statistics, ${n(alerted)}/${n(published)} in the alerts`,
    );
    if (analyticsDoneAt !== undefined && alertsDoneAt !== undefined) {
      break;
    }
  }
  await Promise.all(services.map(stopService));
  if (!keep) {
    const store = await connectStore(config.mongodbUri);
    await store.dropDatabase();
    await store.close();
    await deleteTopics(
      kafka,
      topics.specs().map((s) => s.name),
    );
  }
  const from = firstPublishedAt ?? started;
  return `
  pipeline run              ${n(simulation.messages.length)} raw messages, ${n(published)} journey updates
    projector publishes     ${n(rate(published, projectorDoneAt! - from))} journey updates/s   (drained after ${seconds(projectorDoneAt! - from)})
    analytics commits       ${n(rate(analysed, analyticsDoneAt - from))} journey updates/s   (drained after ${seconds(analyticsDoneAt - from)}, ${seconds(analyticsDoneAt - projectorDoneAt!)} after the projector)
    alerts commits          ${n(rate(alerted, alertsDoneAt - from))} journey updates/s   (drained after ${seconds(alertsDoneAt - from)}, ${seconds(alertsDoneAt - projectorDoneAt!)} after the projector)
    analytics behind        at most ${n(maxBehind)} updates`;
}

/**
 * The bucket deltas of `journeys` journeys: the facts of SAMPLE_JOURNEYS simulated journeys, repeated with
 * shifted times (four years, then minutes apart) until there are as many; streamed into the deltas, never all
 * held at once. Also the months, ports and hubs that have statistics, for the reads.
 */
function deltasOf(journeys: number): { deltas: BucketDeltas; months: string[]; ports: string[]; hubs: string[] } {
  const sample = simulatedHistory({
    journeys: SAMPLE_JOURNEYS,
    seed: 21,
    start: '2023-01-02T08:00:00+08:00',
  }).journeys.map(journeyFacts);
  const deltas = new BucketDeltas();
  const months = new Set<string>();
  const ports = new Set<string>();
  const hubs = new Set<string>();
  for (let done = 0, copy = 0; done < journeys; copy += 1) {
    const shift = (copy % 4) * YEAR_MS + Math.floor(copy / 4) * 37 * 60_000;
    for (const facts of sample.slice(0, journeys - done)) {
      const shifted: Fact[] = facts.map((fact) => ({
        ...fact,
        at: new Date(Date.parse(fact.at) + shift).toISOString(),
      }));
      deltas.add(shifted);
      if (copy < 4) {
        shifted.forEach((fact) => {
          months.add(periodOf('MONTH', fact.at));
          hubs.add(fact.locode);
          if (fact.metric === 'cleared') {
            ports.add(fact.locode);
          }
        });
      }
      done += 1;
    }
  }
  return { deltas, months: [...months], ports: [...ports], hubs: [...hubs] };
}

async function queryRun(journeys: number, runs: number, keep: boolean): Promise<string> {
  const config = isolatedPlatformConfig(platformConfigFromEnv(), `bench-stats-${Date.now().toString(36)}`);
  const store = await connectStore(config.mongodbUri);
  const repository = new StatisticsRepository(store);
  await repository.ensureIndexes();
  console.log(`bench: facts of ${n(journeys)} journeys (${n(SAMPLE_JOURNEYS)} simulated, repeated over four years)`);
  const { deltas, months, ports, hubs } = deltasOf(journeys);
  const changes = deltas.list();
  let seq = 0;
  const seedStarted = Date.now();
  for (let start = 0; start < changes.length; start += DELTAS_PER_CHANGE) {
    const change = {
      _id: 'bench',
      contributions: [],
      removedJourneyIds: [],
      deltas: changes.slice(start, start + DELTAS_PER_CHANGE),
    };
    seq = (await repository.commit(change, seq)).seq;
    process.stdout.write(
      `\rbench: ${n(Math.min(start + DELTAS_PER_CHANGE, changes.length))}/${n(changes.length)} buckets written`,
    );
  }
  console.log('');
  const seedMs = Date.now() - seedStarted;

  const queries = new StatisticsQueries(repository);
  const pick = <T>(list: readonly T[]) => list[Math.floor(Math.random() * list.length)];
  const ids = changes.map((c) => bucketId(c.key));
  const paths: { name: string; run: () => Promise<unknown> }[] = [
    { name: 'baseline: one bucket by _id', run: () => repository.months.findOne({ _id: pick(ids) }) },
    {
      name: "baseline: a port's month of buckets",
      run: () => repository.bucketsOf('MONTH', [pick(months)], { locode: pick(ports), kind: 'HUB' }),
    },
    { name: 'clearanceReport(port, month)', run: () => queries.clearanceReport(pick(ports), pick(months)) },
    { name: 'hubStats(hub, month)', run: () => queries.hubStats(pick(hubs), pick(months)) },
    { name: 'corridorStats(corridor, month)', run: () => queries.corridorStats('LAND_SEA_CORRIDOR', pick(months)) },
  ];
  const times = paths.map(() => [] as number[]);
  for (let i = 0; i < runs; i += 1) {
    for (const [index, path] of paths.entries()) {
      const t = performance.now();
      await path.run();
      times[index].push(performance.now() - t);
    }
  }
  const rows = paths.map((path, index) => {
    const sorted = times[index].sort((a, b) => a - b);
    return `    ${path.name.padEnd(36)} p50 ${percentile(sorted, 50).toFixed(1).padStart(6)} ms   p99 ${percentile(sorted, 99).toFixed(1).padStart(6)} ms`;
  });
  const sizeOf = async (collection: string) => {
    const stats = (await store.db!.command({ collStats: collection }).catch(() => ({}))) as { avgObjSize?: number };
    return stats.avgObjSize === undefined ? '' : `, ${collection} average ${n(Math.round(stats.avgObjSize))} bytes`;
  };
  const sizes = `${await sizeOf('stats_buckets')}${await sizeOf('stats_days')}`;
  if (!keep) {
    await store.dropDatabase();
  }
  await store.close();
  return `
  statistics of ${n(journeys)} journeys   ${n(changes.length)} buckets${sizes}, written in ${seconds(seedMs)} through the analytics write path
    ${runs} runs each, interleaved (target: clearanceReport p99 <= 20 ms)
${rows.join('\n')}`;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      events: { type: 'string' },
      journeys: { type: 'string' },
      runs: { type: 'string' },
      keep: { type: 'boolean' },
    },
  });
  const pipeline = await pipelineRun(Number(values.events ?? 200_000), values.keep ?? false);
  const queries: string[] = [];
  for (const journeys of (values.journeys ?? '10000,1000000').split(',').map(Number)) {
    queries.push(await queryRun(journeys, Number(values.runs ?? 500), values.keep ?? false));
  }
  console.log(`\nbench:analytics${pipeline}\n${queries.join('\n')}`);
}

runBench(main);

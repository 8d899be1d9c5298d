/**
 * `npm run bench:edi -- --journeys 400`: UN/EDIFACT ingest beside JSON ingest, in the same run on the same
 * traffic. The loading, in-transit and manifest messages of a simulation go once as JSON on the raw topics (read by
 * the normalizer) and once as interchanges on raw.edifact.v1 (read by the edi service, whose raw messages the
 * normalizer then reads), each as a backlog, with the services as their own processes as `npm start` runs them.
 * Each path is timed from its first committed batch until the normalizer has committed every raw message (its
 * events sent), and reported as messages (interchanges) per second and containers per second, the containers
 * being those the messages name. In-process reading rates (readInterchange against parseRawMessage) are the
 * baseline of what the format itself costs. Needs `npm run infra:up` (or KAFKA_BROKERS / MONGODB_URI).
 *   npm run bench:edi -- [--journeys 400] [--seed 5]
 */
import { parseArgs } from 'node:util';
import type { Kafka } from 'kafkajs';
import { RAW_TOPICS, TOPICS, type RawMessage, type RawTopic } from '@mmt/contracts';
import { readInterchange } from '@mmt/edifact';
import { createKafka, deleteTopics, ensureTopics, TopicNames } from '@mmt/kafka';
import { parseRawMessage } from '@mmt/normalize';
import { isolatedPlatformConfig, platformConfigFromEnv, type PlatformConfig } from '@mmt/platform';
import { asEdifact, type FeedMessage } from '@mmt/simulator';
import { connectStore } from '@mmt/store';
import { sendSimulation } from '../../apps/simulator/src/send-simulation';
import { offsetTotals, rate, running, seconds, simulateInThePast, startService, stopService } from './support';

/** The containers a raw message names: one for a container's report, a manifest's lines, none for a train's. */
function containersNamed(message: RawMessage): number {
  switch (message.kind) {
    case 'LOADING':
      return 1;
    case 'IN_TRANSIT':
      return message.containerNo === undefined ? 0 : 1;
    case 'MANIFEST':
      return message.containers.length;
    case 'WAYBILL':
    case 'SCHEDULE':
      return 0;
  }
}

/** Waits until every partition of new topics has a leader: a producer sending sooner may be told it has none. */
async function waitForLeaders(kafka: Kafka, names: readonly string[]): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    for (let attempt = 0; ; attempt++) {
      const ready = await admin
        .fetchTopicMetadata({ topics: [...names] })
        .then(({ topics }) => topics.every((t) => t.partitions.length > 0 && t.partitions.every((p) => p.leader >= 0)))
        .catch(() => false);
      if (ready) {
        return;
      }
      if (attempt >= 60) {
        throw new Error(`topics ${names.join(', ')} have no leaders after 30 s`);
      }
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  } finally {
    await admin.disconnect();
  }
}

interface PathResult {
  readonly firstBatchAfterMs: number;
  readonly ms: number;
}

/**
 * Sends `feed` to its topics in a namespace of its own, starts `services`, and waits until each group in `done`
 * has committed its topics to their ends; the time counts from the first committed offset on.
 */
async function runPath(
  name: string,
  feed: readonly FeedMessage[],
  services: readonly string[],
  done: readonly { group: string; topics: readonly (RawTopic | typeof TOPICS.rawEdifact)[] }[],
  base: PlatformConfig,
): Promise<PathResult> {
  const config = isolatedPlatformConfig(base, `bench-edi-${name}-${Date.now().toString(36)}`);
  const topics = new TopicNames(config.namespace);
  const kafka = createKafka(`bench-edi-${name}`, config.kafkaBrokers);
  await ensureTopics(kafka, topics.specs());
  await waitForLeaders(kafka, [...new Set(feed.map((m) => topics.name(m.topic)))]);
  await sendSimulation(kafka, topics, feed, { rate: 0 });
  console.log(`bench: ${name}: ${feed.length} messages produced; starting ${services.join(', ')}`);
  const env = {
    MONGODB_URI: config.mongodbUri,
    KAFKA_BROKERS: config.kafkaBrokers.join(','),
    MMT_NAMESPACE: config.namespace,
  };
  const children = services.map((service) => startService(service, env));
  running.push(...children);
  const started = Date.now();
  let firstAt: number | undefined;
  try {
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      if (children.some((c) => c.exitCode !== null)) {
        throw new Error(`${name}: a service exited during the run; see its log`);
      }
      let totals: { committed: number; end: number }[];
      try {
        totals = await Promise.all(
          done.map((d) =>
            offsetTotals(
              kafka,
              `${config.namespace}${d.group}`,
              d.topics.map((t) => topics.name(t)),
            ),
          ),
        );
      } catch {
        continue; // a group not created yet, or a broker still loading its coordinator
      }
      if (firstAt === undefined && totals.some((t) => t.committed > 0)) {
        firstAt = Date.now();
      }
      if (totals.every((t) => t.end > 0 && t.committed === t.end)) {
        const finished = Date.now();
        return { firstBatchAfterMs: (firstAt ?? finished) - started, ms: finished - (firstAt ?? started) };
      }
    }
  } finally {
    await Promise.all(children.map(stopService));
    const store = await connectStore(config.mongodbUri);
    await store.dropDatabase();
    await store.close();
    await deleteTopics(
      kafka,
      topics.specs().map((s) => s.name),
    );
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { journeys: { type: 'string' }, seed: { type: 'string' } } });
  const journeys = Number(values.journeys ?? 400);
  if (!Number.isInteger(journeys) || journeys < 10) {
    throw new Error('--journeys must be a whole number of at least 10');
  }
  const simulation = simulateInThePast({
    journeys,
    seed: Number(values.seed ?? 5),
    start: '2025-03-03T08:00:00+08:00',
    shuffle: 0,
    duplicates: 0,
    lateManifests: 0,
    conveyanceReports: true,
    invalid: 0,
  });
  // The same messages both ways: those that have an EDIFACT form (waybills and schedules have none).
  const rendered = asEdifact(simulation.messages);
  const pairs = simulation.messages
    .map((json, i) => ({ json, edifact: rendered[i] }))
    .filter((p) => p.edifact.topic === TOPICS.rawEdifact);
  const json = pairs.map((p) => p.json);
  const edifact = pairs.map((p) => p.edifact);
  const messages = pairs.map((p) => JSON.parse(p.json.value.toString('utf8')) as RawMessage);
  const containers = messages.reduce((n, m) => n + containersNamed(m), 0);
  const bytes = (feed: readonly FeedMessage[]) => feed.reduce((n, m) => n + m.value.length, 0);
  console.log(
    `bench: ${pairs.length} messages naming ${containers} containers: ${bytes(json)} bytes as JSON, ${bytes(edifact)} as EDIFACT`,
  );

  // Baseline: reading alone, in this process.
  let t = performance.now();
  for (const m of json) {
    parseRawMessage(m.topic, m.value);
  }
  const jsonReadMs = performance.now() - t;
  t = performance.now();
  for (const m of edifact) {
    readInterchange(m.value);
  }
  const edifactReadMs = performance.now() - t;

  const base = platformConfigFromEnv();
  const rawDone = { group: 'normalizer', topics: RAW_TOPICS };
  const jsonPath = await runPath('json', json, ['normalizer'], [rawDone], base);
  const ediPath = await runPath(
    'edifact',
    edifact,
    ['edi', 'normalizer'],
    [{ group: 'edi', topics: [TOPICS.rawEdifact] }, rawDone],
    base,
  );

  const n = pairs.length;
  console.log(`
bench:edi  ${n} messages (${containers} containers named) of ${journeys} journeys, the same traffic both ways
                                                messages/s   containers/s
  JSON, raw topics -> normalizer                ${String(rate(n, jsonPath.ms)).padStart(10)}   ${String(rate(containers, jsonPath.ms)).padStart(12)}   (${seconds(jsonPath.ms)}; first batch after ${seconds(jsonPath.firstBatchAfterMs)})
  EDIFACT, raw.edifact.v1 -> edi -> normalizer  ${String(rate(n, ediPath.ms)).padStart(10)}   ${String(rate(containers, ediPath.ms)).padStart(12)}   (${seconds(ediPath.ms)}; first batch after ${seconds(ediPath.firstBatchAfterMs)}; one interchange a message)
    EDIFACT rate / JSON rate                    ${Math.round((jsonPath.ms / ediPath.ms) * 100)} %
  reading alone, in process (baseline)
    JSON: parseRawMessage                       ${String(rate(n, jsonReadMs)).padStart(10)}   ${String(rate(containers, jsonReadMs)).padStart(12)}
    EDIFACT: readInterchange (read, check, map) ${String(rate(n, edifactReadMs)).padStart(10)}   ${String(rate(containers, edifactReadMs)).padStart(12)}`);
}

main().then(
  () => process.exit(0),
  async (error: unknown) => {
    console.error(`bench: ${error instanceof Error ? error.message : String(error)}`);
    await Promise.all(running.map(stopService));
    process.exit(1);
  },
);

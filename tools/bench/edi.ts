/**
 * `npm run bench:edi -- --journeys 400`: UN/EDIFACT ingest beside JSON ingest, in the same run on the same
 * traffic. The loading, in-transit and manifest messages of a simulation go once as JSON on the raw topics (read by
 * the normalizer) and once as interchanges on raw.edifact.v1 (read by the edi service, whose raw messages the
 * normalizer then reads), each as a backlog, with the services as their own processes as `npm start` runs them.
 * Each path is timed from the first message sent (its services started and ready) until the normalizer has committed
 * every raw message (its events sent), and reported as messages (interchanges) per second and containers per second, the containers
 * being those the messages name. In-process reading rates (readInterchange against parseRawMessage) are the
 * baseline of what the format itself costs. Needs `npm run infra:up` (or KAFKA_BROKERS / MONGODB_URI).
 *   npm run bench:edi -- [--journeys 400] [--seed 5]
 */
import type { ChildProcess } from 'node:child_process';
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
import {
  offsetTotals,
  rate,
  runBench,
  running,
  seconds,
  simulateInThePast,
  startService,
  stopService,
} from './support';

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

interface PathResult {
  /** From the services' start until their consumer groups were ready. */
  readonly startupMs: number;
  /** From the first message produced until the normalizer had committed every raw message. */
  readonly ms: number;
}

/** Waits until each consumer group has members and a stable assignment: the services are ready to read. */
async function waitForGroups(kafka: Kafka, groupIds: readonly string[], children: readonly ChildProcess[]) {
  const admin = kafka.admin();
  await admin.connect();
  try {
    for (const deadline = Date.now() + 120_000; Date.now() < deadline;) {
      if (children.some((c) => c.exitCode !== null)) {
        throw new Error('a service exited while starting; see its log');
      }
      const { groups } = await admin.describeGroups([...groupIds]).catch(() => ({ groups: [] }));
      if (groups.length === groupIds.length && groups.every((g) => g.state === 'Stable' && g.members.length > 0)) {
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    throw new Error(`consumer groups ${groupIds.join(', ')} were not ready after 120 s`);
  } finally {
    await admin.disconnect();
  }
}

/**
 * In a namespace of its own: starts `services` and waits until they are ready, then sends `feed` and waits until
 * each group in `done` has committed its topics to their ends. The time counts from the first message sent.
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
  const env = {
    MONGODB_URI: config.mongodbUri,
    KAFKA_BROKERS: config.kafkaBrokers.join(','),
    MMT_NAMESPACE: config.namespace,
  };
  const started = Date.now();
  const children = services.map((service) => startService(service, env));
  running.push(...children);
  try {
    await waitForGroups(
      kafka,
      services.map((service) => `${config.namespace}${service}`),
      children,
    );
    const ready = Date.now();
    console.log(`bench: ${name}: ${services.join(', ')} ready; sending ${feed.length} messages`);
    await sendSimulation(kafka, topics, feed, { rate: 0 });
    for (;;) {
      if (children.some((c) => c.exitCode !== null)) {
        throw new Error(`${name}: a service exited during the run; see its log`);
      }
      const totals = await Promise.all(
        done.map((d) =>
          offsetTotals(
            kafka,
            `${config.namespace}${d.group}`,
            d.topics.map((t) => topics.name(t)),
          ),
        ),
      ).catch(() => undefined);
      if (totals?.every((t) => t.end > 0 && t.committed === t.end)) {
        return { startupMs: ready - started, ms: Date.now() - ready };
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
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
  JSON, raw topics -> normalizer                ${String(rate(n, jsonPath.ms)).padStart(10)}   ${String(rate(containers, jsonPath.ms)).padStart(12)}   (${seconds(jsonPath.ms)}; services ready after ${seconds(jsonPath.startupMs)})
  EDIFACT, raw.edifact.v1 -> edi -> normalizer  ${String(rate(n, ediPath.ms)).padStart(10)}   ${String(rate(containers, ediPath.ms)).padStart(12)}   (${seconds(ediPath.ms)}; services ready after ${seconds(ediPath.startupMs)}; one interchange a message)
    EDIFACT rate / JSON rate                    ${Math.round((jsonPath.ms / ediPath.ms) * 100)} %
  reading alone, in process (baseline)
    JSON: parseRawMessage                       ${String(rate(n, jsonReadMs)).padStart(10)}   ${String(rate(containers, jsonReadMs)).padStart(12)}
    EDIFACT: readInterchange (read, check, map) ${String(rate(n, edifactReadMs)).padStart(10)}   ${String(rate(containers, edifactReadMs)).padStart(12)}`);
}

runBench(main);

/**
 * `npm run bench:gateway`: how many journeyUpdated subscribers one gateway holds, and the latency from a
 * journey update produced on Kafka to each subscriber receiving it (median and p99), at a stated rate.
 * Beside it, the same run's baseline: a plain Kafka consumer's latency on the same topic.
 *   npm run infra:up && npm run bench:gateway -- --subscribers 500 --rate 50 --seconds 20
 */
import { parseArgs } from 'node:util';
import type { Client } from 'graphql-ws';
import { ApiKeysRepository } from '@mmt/access';
import { TOPICS, type JourneyUpdate } from '@mmt/contracts';
import { foldJourneys } from '@mmt/journey';
import { createKafka, createProducer, deleteTopics, ensureTopics, TopicNames } from '@mmt/kafka';
import { toTrackingEvents } from '@mmt/normalize';
import { isolatedPlatformConfig, platformConfigFromEnv } from '@mmt/platform';
import { simulate } from '@mmt/simulator';
import { connectStore } from '@mmt/store';
import { GatewayModule } from '../../apps/gateway/src/gateway.module';
import { RATE_LIMIT_OFF } from '../../apps/gateway/src/limits/rate-limit';
import { startGateway } from '../../apps/gateway/src/main';
import { wsClient } from '../../test/support/graphql-client';
import { percentile } from './support';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { subscribers: { type: 'string' }, rate: { type: 'string' }, seconds: { type: 'string' } },
  });
  const subscribers = Number(values.subscribers ?? 500);
  const rate = Number(values.rate ?? 50);
  const seconds = Number(values.seconds ?? 20);
  const base = platformConfigFromEnv();
  const run = `benchgw-${Date.now().toString(36)}`;
  const config = isolatedPlatformConfig(base, run);
  const topics = new TopicNames(config.namespace);
  const kafka = createKafka('bench-gateway', config.kafkaBrokers);
  await ensureTopics(kafka, topics.specs());
  const store = await connectStore(config.mongodbUri);
  const apiKey = (await new ApiKeysRepository(store).create({ role: 'PORT_OFFICE', orgId: 'BENCH', name: 'bench' }))
    .apiKey;

  // Real journeys to publish, folded from simulated traffic.
  const ctx = { rawRef: 'bench', receivedAt: new Date().toISOString() };
  const events = simulate({
    journeys: 60,
    seed: 3,
    start: '2026-05-01T08:00:00+08:00',
    shuffle: 0,
    duplicates: 0,
    lateManifests: 0,
    conveyanceReports: false,
    invalid: 0,
  }).validMessages.flatMap((m) => toTrackingEvents(m, ctx).events);
  const journeys = foldJourneys(events);

  // Hundreds of connections and subscribes on one key: the rate limit would refuse most; it is not what is measured.
  const { app, url } = await startGateway(GatewayModule.forRoot(config, { rateLimit: RATE_LIMIT_OFF }), 0, true);
  const latencies: number[] = [];
  const clients: Client[] = [];
  let connected = 0;
  for (let i = 0; i < subscribers; i += 1) {
    const client = wsClient(url, apiKey);
    clients.push(client);
    client.subscribe<{ journeyUpdated: { publishedAt: string } }>(
      { query: 'subscription { journeyUpdated { publishedAt journey { journeyId version } } }' },
      {
        next: (value) => {
          if (value.data) {
            latencies.push(Date.now() - Date.parse(value.data.journeyUpdated.publishedAt));
          }
        },
        error: () => undefined,
        complete: () => undefined,
      },
    );
    client.on('connected', () => (connected += 1));
  }
  while (connected < subscribers) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await new Promise((resolve) => setTimeout(resolve, 2000));
  console.log(`bench: ${connected} subscribers connected to one gateway`);

  // Baseline: a plain Kafka consumer on the same topic.
  const baseline: number[] = [];
  const consumer = kafka.consumer({ groupId: `${run}-baseline` });
  await consumer.connect();
  await consumer.subscribe({ topic: topics.name(TOPICS.journeyUpdates), fromBeginning: false });
  await consumer.run({
    eachMessage: async ({ message }) => {
      const update = JSON.parse(message.value!.toString('utf8')) as JourneyUpdate;
      baseline.push(Date.now() - Date.parse(update.publishedAt));
      await Promise.resolve();
    },
  });
  await new Promise((resolve) => setTimeout(resolve, 3000));

  const producer = createProducer(kafka);
  await producer.connect();
  const total = rate * seconds;
  const started = Date.now();
  for (let i = 0; i < total; i += 1) {
    const journey = journeys[i % journeys.length];
    const update: JourneyUpdate = { journey, causedBy: [], publishedAt: new Date().toISOString() };
    await producer.send({
      topic: topics.name(TOPICS.journeyUpdates),
      messages: [{ key: journey.containerNo, value: JSON.stringify(update) }],
    });
    const due = started + ((i + 1) / rate) * 1000;
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - Date.now())));
  }
  const expected = total * subscribers;
  const deadline = Date.now() + 30_000;
  while (latencies.length < expected && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  latencies.sort((a, b) => a - b);
  baseline.sort((a, b) => a - b);
  console.log(`
bench:gateway  (${journeys.length} real journeys cycled; ${rate} updates/s for ${seconds}s; gateway and clients in one process on this machine)
  subscribers held on one gateway     ${connected}
  deliveries                          ${latencies.length} of ${expected}
  update produced -> subscriber       median ${percentile(latencies, 50)} ms, p99 ${percentile(latencies, 99)} ms
  update produced -> Kafka consumer   median ${percentile(baseline, 50)} ms, p99 ${percentile(baseline, 99)} ms  (baseline)`);

  await producer.disconnect();
  await consumer.disconnect();
  clients.forEach((c) => void c.dispose());
  await app.close();
  await store.dropDatabase();
  await store.close();
  await deleteTopics(
    kafka,
    topics.specs().map((s) => s.name),
  );
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`bench: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);

/**
 * `npm run bench:gateway`: live subscribers on one gateway at a port's mix, and the latency from a journey update
 * produced on Kafka to each subscriber receiving it, beside the same run's baseline: a plain Kafka consumer on the
 * same topic. The gateway runs as its own process (as `npm start` runs it); the clients run in this one.
 * The mix: shippers each following its own 1-5 containers (half `journeyUpdated`, half `trackingEvents`), and port
 * office subscribers following everything (half each). Prints the consumer groups the broker holds for the gateway
 * and the gateway's memory per subscriber.
 *   npm run infra:up && npm run bench:gateway -- [--shippers 9900] [--office 100] [--rate 20] [--seconds 60]
 */
import { parseArgs } from 'node:util';
import type { Client } from 'graphql-ws';
import { ApiKeysRepository } from '@mmt/access';
import { containerCheckDigit, TOPICS, type Journey, type JourneyUpdate, type TrackingEvent } from '@mmt/contracts';
import { foldJourneys } from '@mmt/journey';
import { createKafka, createProducer, deleteTopics, ensureTopics, TopicNames } from '@mmt/kafka';
import { toTrackingEvents } from '@mmt/normalize';
import { isolatedPlatformConfig, platformConfigFromEnv } from '@mmt/platform';
import { simulate } from '@mmt/simulator';
import { connectStore } from '@mmt/store';
import { freePort } from '../../test/support/free-port';
import { wsClient } from '../../test/support/graphql-client';
import { percentile, processCpuMs, processMemoryMb, runBench, running, startService, stopService } from './support';

const SHIPPER_ORGS = 100;
const CONNECT_AT_ONCE = 250;
const WARM_UP_MS = 5000;

const n = (value: number) => value.toLocaleString('en-US');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** An ISO 6346 container number of the bench's own owner code, with its check digit. */
function containerNo(serial: number): string {
  const first10 = `BNCU${String(serial).padStart(6, '0')}`;
  return `${first10}${containerCheckDigit(first10)}`;
}

const rssMb = (pid: number | undefined) => processMemoryMb(pid).now;

interface Follower {
  readonly orgId: string;
  readonly containers: readonly string[];
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      shippers: { type: 'string' },
      office: { type: 'string' },
      rate: { type: 'string' },
      seconds: { type: 'string' },
    },
  });
  const shippers = Number(values.shippers ?? 9900);
  const office = Number(values.office ?? 100);
  const rate = Number(values.rate ?? 20);
  const seconds = Number(values.seconds ?? 60);
  const config = isolatedPlatformConfig(platformConfigFromEnv(), `benchgw-${Date.now().toString(36)}`);
  const topics = new TopicNames(config.namespace);
  const topic = topics.name(TOPICS.journeyUpdates);
  const kafka = createKafka('bench-gateway', config.kafkaBrokers);
  await ensureTopics(kafka, topics.specs());
  const store = await connectStore(config.mongodbUri);
  const keys = new ApiKeysRepository(store);
  await keys.ensureIndexes();
  const officeKey = (await keys.create({ role: 'PORT_OFFICE', orgId: 'PORT-CQ', name: 'bench office' })).apiKey;
  const shipperKeys: string[] = [];
  for (let i = 0; i < SHIPPER_ORGS; i += 1) {
    shipperKeys.push((await keys.create({ role: 'SHIPPER', orgId: `bench-shipper-${i}`, name: 'bench' })).apiKey);
  }

  // Real journeys and events as templates, folded from simulated traffic; each update gives one a bench container.
  const ctx = { rawRef: 'bench', receivedAt: new Date().toISOString() };
  const templateEvents = simulate({
    journeys: 60,
    seed: 3,
    start: '2026-05-01T08:00:00+08:00',
    shuffle: 0,
    duplicates: 0,
    lateManifests: 0,
    conveyanceReports: false,
    invalid: 0,
  }).validMessages.flatMap((m) => toTrackingEvents(m, ctx).events);
  const templates = foldJourneys(templateEvents);
  const followers: Follower[] = [];
  let serial = 0;
  for (let s = 0; s < shippers; s += 1) {
    const containers = Array.from({ length: 1 + (s % 5) }, () => containerNo((serial += 1)));
    followers.push({ orgId: `bench-shipper-${s % SHIPPER_ORGS}`, containers });
  }
  const ownerOf = new Map(followers.flatMap((f) => f.containers.map((c) => [c, f.orgId] as const)));
  const followed = [...ownerOf.keys()];

  const port = await freePort();
  const gateway = startService('gateway', {
    MONGODB_URI: config.mongodbUri,
    KAFKA_BROKERS: config.kafkaBrokers.join(','),
    MMT_NAMESPACE: config.namespace,
    GATEWAY_PORT: String(port),
    // Thousands of connections and subscribes on a hundred keys: the rate limit would refuse most; it is not measured.
    GATEWAY_RATE_LIMIT_PER_MINUTE: '0',
  });
  running.push(gateway);
  const url = `http://127.0.0.1:${port}/graphql`;
  for (let tries = 0; ; tries += 1) {
    const up = await fetch(url.replace('/graphql', '/health/ready')).then(
      (r) => r.ok,
      () => false,
    );
    if (up) {
      break;
    }
    if (tries > 240 || gateway.exitCode !== null) {
      throw new Error('the gateway did not become ready; see .local/logs/bench-gateway.log');
    }
    await sleep(500);
  }
  const rssBefore = rssMb(gateway.pid);

  // The subscribers; each delivery's latency from the update's production.
  const sentAt = new Map<string, number>(); // eventId or journeyId@version -> produced at
  const latencies = { journeyUpdated: [] as number[], trackingEvents: [] as number[] };
  const errors: unknown[] = [];
  const clients: Client[] = [];
  const subscribe = (client: Client, query: string, variables: Record<string, unknown>) => {
    client.subscribe<Record<string, { journey?: Journey; event?: { eventId: string } }>>(
      { query, variables },
      {
        next: ({ data }) => {
          const at = Date.now();
          if (data?.journeyUpdated?.journey) {
            const { journeyId, version } = data.journeyUpdated.journey;
            latencies.journeyUpdated.push(at - (sentAt.get(`${journeyId}@${version}`) ?? at));
          } else if (data?.trackingEvents?.event) {
            latencies.trackingEvents.push(at - (sentAt.get(data.trackingEvents.event.eventId) ?? at));
          }
        },
        error: (error) => errors.push(error),
        complete: () => undefined,
      },
    );
  };
  const UPDATED =
    'subscription ($c: [ContainerNumber!]) { journeyUpdated(containerNos: $c) { journey { journeyId version } } }';
  const EVENTS =
    'subscription ($c: [ContainerNumber!]) { trackingEvents(filter: { containerNos: $c }) { event { eventId } } }';
  const plan = [
    ...followers.map((f, i) => ({
      key: shipperKeys[i % SHIPPER_ORGS],
      query: i % 2 ? EVENTS : UPDATED,
      c: f.containers,
    })),
    ...Array.from({ length: office }, (_, i) => ({ key: officeKey, query: i % 2 ? EVENTS : UPDATED, c: undefined })),
  ];
  let connected = 0;
  const connectStarted = Date.now();
  for (let start = 0; start < plan.length; start += CONNECT_AT_ONCE) {
    await Promise.all(
      plan.slice(start, start + CONNECT_AT_ONCE).map(
        ({ key, query, c }) =>
          new Promise<void>((resolve) => {
            const client = wsClient(url, key);
            clients.push(client);
            client.on('connected', () => {
              connected += 1;
              subscribe(client, query, { c });
              resolve();
            });
            client.on('closed', () => resolve());
          }),
      ),
    );
    process.stdout.write(`\rbench: ${n(connected)} / ${n(plan.length)} subscribers connected`);
  }
  console.log(` in ${((Date.now() - connectStarted) / 1000).toFixed(1)}s`);

  // Baseline: a plain Kafka consumer on the same topic.
  const baseline: number[] = [];
  const consumer = kafka.consumer({ groupId: `${config.namespace}bench-baseline` });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: false });
  await consumer.run({
    eachMessage: async ({ message }) => {
      const update = JSON.parse(message.value!.toString('utf8')) as JourneyUpdate;
      baseline.push(Date.now() - Date.parse(update.publishedAt));
      await Promise.resolve();
    },
  });

  // Updates at `rate` per second, each to one followed container: a warm-up first, not counted.
  const producer = createProducer(kafka);
  await producer.connect();
  let version = 0;
  const send = async () => {
    const container = followed[Math.floor(Math.random() * followed.length)];
    const template = templates[version % templates.length];
    version += 1;
    const first = templateEvents.find((e) => e.eventId === template.eventIds[0]) as TrackingEvent;
    const event = { ...first, eventId: `bench-${version}`, containerNo: container } as TrackingEvent;
    const journey: Journey = {
      ...template,
      journeyId: `${container}-1`,
      containerNo: container,
      orgIds: [ownerOf.get(container)!],
      version: String(version),
    };
    const producedAt = Date.now();
    sentAt.set(event.eventId, producedAt);
    sentAt.set(`${journey.journeyId}@${journey.version}`, producedAt);
    const update: JourneyUpdate = {
      journey,
      causedBy: [event.eventId],
      events: [event],
      publishedAt: new Date(producedAt).toISOString(),
    };
    await producer.send({ topic, messages: [{ key: container, value: JSON.stringify(update) }] });
  };
  const feed = async (ms: number) => {
    const started = Date.now();
    for (let i = 0; Date.now() - started < ms; i += 1) {
      await send();
      await sleep(Math.max(0, started + ((i + 1) / rate) * 1000 - Date.now()));
    }
  };
  await feed(WARM_UP_MS);
  await sleep(3000);
  latencies.journeyUpdated.length = 0;
  latencies.trackingEvents.length = 0;
  baseline.length = 0;
  const firstMeasured = version;
  const cpuBefore = processCpuMs(gateway.pid);
  await feed(seconds * 1000);
  const updates = version - firstMeasured;
  const expected = updates * (office + 1);
  const deadline = Date.now() + 30_000;
  const delivered = () => latencies.journeyUpdated.length + latencies.trackingEvents.length;
  while (delivered() < expected && Date.now() < deadline) {
    await sleep(200);
  }
  const rssAfter = rssMb(gateway.pid);
  const cpuMs = processCpuMs(gateway.pid) - cpuBefore;

  const admin = kafka.admin();
  await admin.connect();
  const groups = (await admin.listGroups()).groups
    .map((g) => g.groupId)
    .filter((id) => id.startsWith(`${config.namespace}gateway`));
  await admin.disconnect();

  const all = [...latencies.journeyUpdated, ...latencies.trackingEvents].sort((a, b) => a - b);
  baseline.sort((a, b) => a - b);
  const line = (name: string, values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    return `${name.padEnd(40)}${n(sorted.length).padStart(9)}   p50 ${percentile(sorted, 50)} ms, p95 ${percentile(sorted, 95)} ms, p99 ${percentile(sorted, 99)} ms`;
  };
  const p95 = percentile(all, 95);
  const ratio = percentile(all, 99) / percentile(baseline, 99);
  console.log(`
bench:gateway  (${rate} updates/s for ${seconds}s after a ${WARM_UP_MS / 1000}s warm-up; the gateway its own process, the clients in this one)
  subscribers on one gateway              ${n(connected)} of ${n(plan.length)}: ${n(shippers)} shippers following 1-5 containers each (${n(followed.length)} in all), ${n(office)} port office following everything; half journeyUpdated, half trackingEvents
  deliveries                              ${n(delivered())} of ${n(expected)} expected; ${errors.length} subscription errors
  ${line('update produced -> subscriber (all)', all)}
  ${line('  journeyUpdated', latencies.journeyUpdated)}
  ${line('  trackingEvents', latencies.trackingEvents)}
  ${line('update produced -> Kafka consumer', baseline)}   (baseline)
  p95 target <= 400 ms                    ${p95 <= 400 ? 'met' : 'NOT met'} (${p95} ms)
  p99 / baseline p99                      ${ratio.toFixed(2)}   (target <= 1.5: ${ratio <= 1.5 ? 'met' : 'NOT met'})
  consumer groups of the gateway          ${groups.length}: ${groups.join(', ')}
  gateway CPU while measured              ${n(Math.round(cpuMs))} ms: ${(cpuMs / updates).toFixed(2)} ms an update, ${((cpuMs * 1000) / Math.max(1, delivered())).toFixed(0)} µs a delivery
  gateway memory (RSS)                    ${rssBefore.toFixed(0)} MB before the subscribers, ${rssAfter.toFixed(0)} MB with them: ${(((rssAfter - rssBefore) * 1024) / Math.max(1, connected)).toFixed(1)} KB per subscriber`);

  await producer.disconnect();
  await consumer.disconnect();
  clients.forEach((c) => void c.dispose());
  await stopService(gateway);
  await store.dropDatabase();
  await store.close();
  await deleteTopics(
    kafka,
    topics.specs().map((s) => s.name),
  );
}

runBench(main);

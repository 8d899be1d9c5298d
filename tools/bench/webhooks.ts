/**
 * `npm run bench:webhooks`: how fast the webhooks service pushes events to partners, beside a plain Kafka consumer.
 * The real webhooks service runs as its own process; this one hosts --receivers HTTP receivers on 127.0.0.1 (each
 * verifies every signature) with one subscription each, and a plain kafkajs consumer of the same topic (the
 * baseline: what reading the journey updates costs with no store, no matching and no HTTP).
 * 1. Backlog: --events events in journey updates are produced at once; it prints deliveries/s to the receivers
 *    as they go (the cost against the size delivered so far) and in all, beside the plain consumer's events/s.
 * 2. Paced: --rate events/s for --seconds; it prints produce→delivered p50/p99 beside produce→consumed.
 * Needs `npm run infra:up` (or KAFKA_BROKERS / MONGODB_URI).
 *   npm run bench:webhooks -- [--events 1000000] [--receivers 100] [--rate 2000] [--seconds 30] [--keep]
 */
import { parseArgs } from 'node:util';
import { ApiKeysRepository } from '@mmt/access';
import { TOPICS, type Journey, type JourneyUpdate, type TrackingEvent } from '@mmt/contracts';
import {
  dcsaEventId,
  generateSecret,
  startWebhookReceiver,
  SubscriptionsRepository,
  type WebhookReceiver,
} from '@mmt/dcsa';
import { createKafka, createProducer, deleteTopics, ensureTopics, TopicNames } from '@mmt/kafka';
import { isolatedPlatformConfig, platformConfigFromEnv } from '@mmt/platform';
import { connectStore } from '@mmt/store';
import { percentile, rate, running, seconds, startService, stopService } from './support';

const EVENTS_PER_JOURNEY = 20;
const EVENTS_PER_UPDATE = 5;
const n = (value: number) => value.toLocaleString('en-US');

const { values } = parseArgs({
  options: {
    events: { type: 'string', default: '1000000' },
    receivers: { type: 'string', default: '100' },
    rate: { type: 'string', default: '2000' },
    seconds: { type: 'string', default: '30' },
    keep: { type: 'boolean', default: false },
  },
});
const RECEIVERS = Number(values.receivers);

const PLACES = ['CNCQI', 'CNQZH', 'SGSIN', 'CNSGH'];

/** A journey of EVENTS_PER_JOURNEY events for one container, its party one of the receivers' organisations. */
function journeyOf(index: number, start: number): { journey: Journey; events: TrackingEvent[] } {
  const containerNo = `BNCH${String(index).padStart(7, '0')}`;
  const orgId = `org-bench-${index % RECEIVERS}`;
  const events = Array.from({ length: EVENTS_PER_JOURNEY }, (_, i): TrackingEvent => {
    const at = new Date(start + i * 3_600_000).toISOString();
    const common = {
      eventId: `${containerNo}-${i}`,
      classifier: 'ACT' as const,
      eventDateTime: at,
      eventCreatedDateTime: at,
      receivedAt: at,
      source: { system: 'LAND_SEA_CORRIDOR' as const, rawKind: 'LOADING' as const, rawRef: `bench/${index}/${i}` },
      containerNo,
      documents: [{ type: 'WAYBILL' as const, ref: `WB${index}` }],
      location: { locode: PLACES[i % PLACES.length] },
    };
    return i % 2 === 0
      ? {
          ...common,
          eventType: 'TRANSPORT',
          transportEventTypeCode: i % 4 === 0 ? 'DEPA' : 'ARRI',
          conveyance: { mode: 'RAIL', trainNo: `X${index % 50}`, departureDate: '2026-03-01' },
        }
      : { ...common, eventType: 'EQUIPMENT', equipmentEventTypeCode: i % 4 === 1 ? 'LOAD' : 'DISC' };
  });
  const journey = {
    journeyId: `${containerNo}/WAYBILL:WB${index}`,
    containerNo,
    documents: [{ type: 'WAYBILL', ref: `WB${index}` }],
    documentStatuses: [],
    parties: [{ role: 'CONSIGNEE', orgId, name: orgId }],
    orgIds: [orgId],
    status: 'IN_TRANSIT',
    legs: [],
    milestones: [],
    dwell: [],
    customs: 'NONE',
    holds: [],
    coldChain: false,
    eventIds: events.map((e) => e.eventId).sort(),
    version: `v${index}`,
  } as Journey;
  return { journey, events };
}

interface Probe {
  /** When each event's update was produced, by DCSA event id, and when each one arrived. */
  readonly producedAt: Map<string, number>;
  readonly delivered: Map<string, number>;
  readonly consumed: Map<string, number>;
}

async function produce(
  producer: ReturnType<typeof createProducer>,
  topic: string,
  first: number,
  count: number,
  probe: Probe,
): Promise<void> {
  const messages: { key: string; value: string }[] = [];
  const now = Date.now();
  for (let index = first; index < first + count; index += 1) {
    const { journey, events } = journeyOf(index, Date.parse('2026-03-01T00:00:00Z'));
    for (let i = 0; i < events.length; i += EVENTS_PER_UPDATE) {
      const chunk = events.slice(i, i + EVENTS_PER_UPDATE);
      chunk.forEach((e) => probe.producedAt.set(dcsaEventId(e.containerNo, e), now));
      const update: JourneyUpdate = {
        journey,
        causedBy: chunk.map((e) => e.eventId),
        events: chunk,
        publishedAt: new Date(now).toISOString(),
      };
      messages.push({ key: journey.containerNo, value: JSON.stringify(update) });
    }
  }
  for (let i = 0; i < messages.length; i += 500) {
    await producer.send({ topic, messages: messages.slice(i, i + 500) });
  }
}

function latencies(probe: Probe, arrived: Map<string, number>, ids: Iterable<string>): number[] {
  return [...ids]
    .flatMap((id) => (arrived.has(id) ? [arrived.get(id)! - probe.producedAt.get(id)!] : []))
    .sort((a, b) => a - b);
}

async function waitUntil(what: string, done: () => boolean, report: () => string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastReport = Date.now();
  while (!done()) {
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}: ${report()}`);
    }
    if (Date.now() - lastReport >= 10_000) {
      console.log(`  ${report()}`);
      lastReport = Date.now();
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function main(): Promise<void> {
  const config = isolatedPlatformConfig(platformConfigFromEnv(), `bench-webhooks-${Date.now().toString(36)}`);
  const topics = new TopicNames(config.namespace);
  const kafka = createKafka('bench', config.kafkaBrokers);
  const store = await connectStore(config.mongodbUri);
  const topic = topics.name(TOPICS.journeyUpdates);
  const journeys = Math.ceil(Number(values.events) / EVENTS_PER_JOURNEY);
  const total = journeys * EVENTS_PER_JOURNEY;
  const probe: Probe = { producedAt: new Map(), delivered: new Map(), consumed: new Map() };
  const receivers: WebhookReceiver[] = [];
  const baseline = kafka.consumer({ groupId: `${config.namespace}bench-plain-consumer` });
  try {
    await ensureTopics(kafka, topics.specs());
    const env = {
      MONGODB_URI: config.mongodbUri,
      KAFKA_BROKERS: config.kafkaBrokers.join(','),
      MMT_NAMESPACE: config.namespace,
      WEBHOOK_POLL_MS: '250',
      // The receivers are on 127.0.0.1 over http, which callbacks may reach only when this says so.
      WEBHOOK_ALLOWED_HOSTS: '127.0.0.1',
    };
    const webhooks = startService('webhooks', env);
    running.push(webhooks);

    // One receiver and one subscription per organisation, made through the repositories (the gateway's REST
    // path is covered by the tests; here it would only add start-up time).
    const subscriptions = new SubscriptionsRepository(store);
    const keys = new ApiKeysRepository(store);
    const secrets = new Map<string, string>();
    for (let i = 0; i < RECEIVERS; i += 1) {
      const receiver = await startWebhookReceiver({
        port: 0,
        secretOf: (id) => secrets.get(id),
        onNotification: ({ fresh, receivedAt }) => fresh.forEach((e) => probe.delivered.set(e.eventID, receivedAt)),
      });
      receivers.push(receiver);
      const { principal } = await keys.create({ role: 'PARTNER', orgId: `org-bench-${i}`, name: `bench ${i}` });
      const secret = generateSecret();
      const created = await subscriptions.create(
        principal,
        { callbackUrl: receiver.url, filter: {} },
        secret,
        new Date(0),
      );
      secrets.set(created._id, secret);
    }
    await baseline.connect();
    await baseline.subscribe({ topic, fromBeginning: true });
    await baseline.run({
      eachMessage: ({ message }) => {
        const update = JSON.parse(message.value!.toString('utf8')) as JourneyUpdate;
        const now = Date.now();
        update.events?.forEach((e) => probe.consumed.set(dcsaEventId(e.containerNo, e), now));
        return Promise.resolve();
      },
    });
    const producer = createProducer(kafka);
    await producer.connect();
    console.log(`bench: webhooks service started; ${RECEIVERS} receivers and subscriptions on 127.0.0.1`);

    // 1. The backlog.
    console.log(`bench: producing ${n(total)} events in ${n(total / EVENTS_PER_UPDATE)} journey updates at once`);
    const started = Date.now();
    for (let first = 0; first < journeys; first += 5000) {
      await produce(producer, topic, first, Math.min(5000, journeys - first), probe);
    }
    const producedIn = Date.now() - started;
    let lastCount = 0;
    let lastAt = started;
    await waitUntil(
      'every event to be delivered',
      () => probe.delivered.size >= total && probe.consumed.size >= total,
      () => {
        const now = Date.now();
        const line = `${n(probe.delivered.size)}/${n(total)} delivered (${n(rate(probe.delivered.size - lastCount, now - lastAt))}/s over the last ${seconds(now - lastAt)}), plain consumer ${n(probe.consumed.size)}`;
        lastCount = probe.delivered.size;
        lastAt = now;
        return line;
      },
      3 * 3_600_000,
    );
    const latest = (times: Map<string, number>) => [...times.values()].reduce((a, b) => Math.max(a, b), 0);
    const lastDelivered = latest(probe.delivered);
    const lastConsumed = latest(probe.consumed);
    console.log(`\nBacklog of ${n(total)} events to ${RECEIVERS} receivers (produced in ${seconds(producedIn)}):`);
    console.log(
      `  webhooks (feed + outbox + signed POSTs): ${n(rate(total, lastDelivered - started))} deliveries/s, all delivered in ${seconds(lastDelivered - started)}`,
    );
    console.log(
      `  plain Kafka consumer (baseline):        ${n(rate(total, lastConsumed - started))} events/s, all consumed in ${seconds(lastConsumed - started)}`,
    );

    // 2. Paced traffic.
    const pacedRate = Number(values.rate);
    const pacedSeconds = Number(values.seconds);
    const journeysPerTick = Math.max(1, Math.round(pacedRate / EVENTS_PER_JOURNEY / 10));
    console.log(`\nbench: ${n(journeysPerTick * EVENTS_PER_JOURNEY * 10)} events/s for ${pacedSeconds}s`);
    const pacedFrom = probe.producedAt.size;
    let next = journeys;
    const pacedStart = Date.now();
    for (let tick = 0; tick < pacedSeconds * 10; tick += 1) {
      await produce(producer, topic, next, journeysPerTick, probe);
      next += journeysPerTick;
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, pacedStart + (tick + 1) * 100 - Date.now())));
    }
    await producer.disconnect();
    const pacedIds = [...probe.producedAt.keys()].slice(pacedFrom);
    await waitUntil(
      'the paced events to be delivered',
      () => pacedIds.every((id) => probe.delivered.has(id) && probe.consumed.has(id)),
      () => `${n(pacedIds.filter((id) => probe.delivered.has(id)).length)}/${n(pacedIds.length)} delivered`,
      600_000,
    );
    const delivered = latencies(probe, probe.delivered, pacedIds);
    const consumed = latencies(probe, probe.consumed, pacedIds);
    console.log(`Paced, ${n(pacedIds.length)} events: produce→delivered vs produce→consumed (ms)`);
    console.log(
      `  webhooks:             p50 ${percentile(delivered, 50)}  p99 ${percentile(delivered, 99)}  max ${delivered.at(-1)}`,
    );
    console.log(
      `  plain Kafka consumer: p50 ${percentile(consumed, 50)}  p99 ${percentile(consumed, 99)}  max ${consumed.at(-1)}`,
    );
    const refused = receivers.reduce((sum, r) => sum + r.refused.length, 0);
    console.log(`Signatures refused by the receivers: ${refused}`);
    await stopService(webhooks);
  } finally {
    await baseline.disconnect().catch(() => undefined);
    await Promise.all(receivers.map((r) => r.close()));
    await Promise.all(running.map(stopService));
    if (!values.keep) {
      await deleteTopics(
        kafka,
        topics.specs().map((s) => s.name),
      );
      await store.dropDatabase();
    }
    await store.close();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`bench:webhooks: ${error instanceof Error ? error.stack : String(error)}`);
    process.exit(1);
  },
);

import { ApiKeysRepository } from '@mmt/access';
import { RAW_TOPICS, TOPICS } from '@mmt/contracts';
import { createProducer, ensureTopics } from '@mmt/kafka';
import { reasonLabel } from '@mmt/metrics';
import { connectStore } from '@mmt/store';
import { readDeadLetters } from './support/dead-letters';
import { waitFor, wsClient } from './support/graphql-client';
import { infra } from './support/infra';
import { TestPipeline } from './support/pipeline';
import { PrivateStore } from './support/private-store';
import { runServiceProcess, samples, type ServiceProcess } from './support/service-process';
import { simulatedHistory } from './support/simulated-history';

/**
 * Health, readiness and metrics of the services, each run as its own process as `npm start` runs it, against the
 * real Kafka and store (a private store where the test stops it).
 */
describe('operations: health, readiness and metrics', () => {
  const pipeline = new TestPipeline('operations');
  const env = (mongodbUri: string) => ({
    KAFKA_BROKERS: infra.kafkaBrokers.join(','),
    MONGODB_URI: mongodbUri,
    MMT_NAMESPACE: pipeline.config.namespace,
    METRICS_LAG_INTERVAL_MS: '100',
  });
  const running: ServiceProcess[] = [];
  const start = (service: string, mongodbUri = pipeline.config.mongodbUri) => {
    const started = runServiceProcess(service, env(mongodbUri));
    running.push(started);
    return started;
  };
  const get = async (url: string) => {
    const response = await fetch(url);
    return { status: response.status, text: await response.text() };
  };

  beforeAll(async () => {
    await ensureTopics(pipeline.kafka, pipeline.topics.specs());
  });

  afterAll(async () => {
    await Promise.all(running.map((service) => service.stop()));
    await pipeline.stop();
  });

  it('is not ready while the store is down, and ready again once it is back; alive throughout', async () => {
    const store = await PrivateStore.start();
    try {
      const projector = start('projector', store.uri('operations'));
      const ops = await projector.opsUrl();
      await waitFor('the projector to be ready', async () => (await get(`${ops}/health/ready`)).status === 200, 60_000);
      const ready = JSON.parse((await get(`${ops}/health/ready`)).text) as { status: string; details: object };
      expect(ready).toMatchObject({ status: 'ok', details: { store: { status: 'up' }, kafka: { status: 'up' } } });

      await store.kill();
      await waitFor('readiness to turn false', async () => (await get(`${ops}/health/ready`)).status === 503, 30_000);
      const down = JSON.parse((await get(`${ops}/health/ready`)).text) as { error: { store: { status: string } } };
      expect(down.error.store.status).toBe('down');
      expect((await get(`${ops}/health/live`)).status).toBe(200);

      await store.restart();
      await waitFor('readiness to return', async () => (await get(`${ops}/health/ready`)).status === 200, 60_000);
      expect(projector.child.exitCode).toBeNull();
      await projector.stop();
    } finally {
      await store.remove();
    }
  }, 240_000);

  it("reports the projector's lag on the backlog left while it was stopped, falling to 0 as it drains", async () => {
    // A backlog the projector takes seconds to drain, so that its lag is seen high and then falling.
    const { events } = simulatedHistory({ journeys: 1200, seed: 51, start: '2026-03-02T08:00:00+08:00' });
    const producer = createProducer(pipeline.kafka);
    await producer.connect();
    const topic = pipeline.topics.name(TOPICS.trackingEvents);
    for (let i = 0; i < events.length; i += 500) {
      await producer.send({
        topic,
        messages: events.slice(i, i + 500).map((e) => ({ key: e.containerNo, value: JSON.stringify(e) })),
      });
    }
    await producer.disconnect();

    const projector = start('projector');
    const ops = await projector.opsUrl();
    const group = `${pipeline.config.namespace}projector`;
    const lag = async () => {
      const page = (await get(`${ops}/metrics`)).text;
      const of = samples(page, 'mmt_consumer_lag_messages').filter(
        (s) => s.labels.group === group && s.labels.topic === topic,
      );
      return of.length === 0 ? undefined : of.reduce((sum, s) => sum + s.value, 0);
    };
    const seen: number[] = [];
    await waitFor(
      'the lag to fall to 0',
      async () => {
        const now = await lag();
        if (now !== undefined) {
          seen.push(now);
        }
        return now === 0;
      },
      240_000,
    );
    // Reported before the projector read anything (the whole backlog, or most of it by the first scrape), then falling.
    expect(events.length).toBeGreaterThan(20_000);
    expect(seen[0]).toBeGreaterThan(events.length / 2);
    expect(seen[0]).toBeLessThanOrEqual(events.length);
    expect(seen.filter((value, i) => i > 0 && value < seen[i - 1]).length).toBeGreaterThan(2);
    await pipeline.waitUntilCommittedToEnd('projector', [topic]);
    const page = (await get(`${ops}/metrics`)).text;
    const consumed = samples(page, 'mmt_messages_consumed_total').find((s) => s.labels.group === group);
    expect(consumed?.value).toBe(events.length);
    expect(samples(page, 'mmt_events_processed_total')[0]?.value).toBe(events.length);
    expect(samples(page, 'mmt_journeys_written_total')[0]?.value).toBeGreaterThan(0);
    expect(samples(page, 'mmt_store_operation_seconds_count').length).toBeGreaterThan(0);
    expect(samples(page, 'mmt_process_resident_memory_bytes')[0]?.value).toBeGreaterThan(0);
    await projector.stop();

    // Every line it wrote is one JSON object with the service, level and time; a batch line says where it was.
    const lines = projector
      .output()
      .split('\n')
      .filter((line) => line.trim() !== '');
    expect(lines.length).toBeGreaterThan(3);
    const entries = lines.map((line) => {
      try {
        return JSON.parse(line) as Record<string, unknown>;
      } catch {
        throw new Error(`not a JSON log line: ${line}`);
      }
    });
    for (const entry of entries) {
      expect(entry).toMatchObject({
        service: 'projector',
        level: expect.any(String) as unknown,
        time: expect.any(String) as unknown,
      });
    }
    const batch = entries.find((entry) => entry.message === 'batch projected' || entry.msg === 'batch projected');
    expect(batch).toMatchObject({
      level: 'info',
      topic,
      partition: expect.any(Number) as unknown,
      offset: expect.any(String) as unknown,
    });
  }, 240_000);

  it('counts each dead letter under its reason', async () => {
    const normalizer = start('normalizer');
    const ops = await normalizer.opsUrl();
    await waitFor('the normalizer to be ready', async () => (await get(`${ops}/health/ready`)).status === 200, 60_000);
    const producer = createProducer(pipeline.kafka);
    await producer.connect();
    await producer.send({
      topic: pipeline.topics.name(RAW_TOPICS[2]),
      messages: [1, 2, 3].map((i) => ({ key: `poison-${i}`, value: `{"kind": "WAYBILL", "broken": ${i}` })),
    });
    await producer.disconnect();
    let letters: Awaited<ReturnType<typeof readDeadLetters>> = [];
    await waitFor('three dead letters', async () => (letters = await readDeadLetters(pipeline)).length >= 3, 60_000);
    const reason = reasonLabel(letters[0].reason);
    expect(letters.map((l) => reasonLabel(l.reason))).toEqual([reason, reason, reason]);
    await waitFor(
      'the counter to show them',
      async () =>
        samples((await get(`${ops}/metrics`)).text, 'mmt_dead_letters_total').some(
          (s) => s.labels.service === 'normalizer' && s.labels.reason === reason && s.value === 3,
        ),
      30_000,
    );
    await normalizer.stop();
  }, 180_000);

  it("serves the gateway's health and metrics on its port, with the connections and subscriptions it holds", async () => {
    const url = await pipeline.startGateway();
    const base = url.replace(/\/graphql$/, '');
    expect((await get(`${base}/health`)).status).toBe(200);
    expect((await get(`${base}/health/ready`)).status).toBe(200);
    const gauge = async (name: string) => samples((await get(`${base}/metrics`)).text, name)[0]?.value;
    expect(await gauge('mmt_gateway_connections')).toBe(0);
    const store = await connectStore(pipeline.config.mongodbUri);
    const { apiKey } = await new ApiKeysRepository(store).create({
      role: 'PORT_OFFICE',
      orgId: 'PORT-CQ',
      name: 'ops',
    });
    const client = wsClient(url, apiKey);
    const dispose = client.subscribe(
      { query: 'subscription { journeyUpdated { journey { journeyId } } }' },
      { next: () => undefined, error: () => undefined, complete: () => undefined },
    );
    await waitFor(
      'the gauges to count the subscription',
      async () => (await gauge('mmt_gateway_subscriptions')) === 1,
      30_000,
    );
    expect(await gauge('mmt_gateway_connections')).toBe(1);
    dispose();
    await client.dispose();
    await waitFor('the gauges to fall back', async () => (await gauge('mmt_gateway_connections')) === 0, 30_000);
    expect(await gauge('mmt_gateway_subscriptions')).toBe(0);
    expect(samples((await get(`${base}/metrics`)).text, 'mmt_gateway_bytes_sent_total')[0]?.value).toBeGreaterThan(0);
    await store.close();
  });
});

import type { Connection } from 'mongoose';
import { deleteTopics, ensureTopics, TopicNames } from '@mmt/kafka';
import { simulate } from '@mmt/simulator';
import { connectStore, EventLogRepository } from '@mmt/store';
import { auditEventLog } from '../apps/projector/src/audit-log';
import { sendSimulation } from '../apps/simulator/src/send-simulation';
import { drainTo } from './support/drain';
import { waitFor } from './support/graphql-client';
import { expectedOutcome } from './support/ground-truth';
import { infra, testKafka, uniqueSuffix } from './support/infra';
import { PrivateStore } from './support/private-store';
import { SupervisedPlatform } from './support/supervised-platform';

const OUTAGE_MS = 30_000;
const TEST_TIMEOUT_MS = 12 * 60_000;

/**
 * The store is killed (SIGKILL) in the middle of a feed, with every service running as its own supervised
 * process, and started again on the same data 30 s later. The services fail their batches, exhaust their
 * retries, exit and are restarted. Afterwards the event log, the journeys and the statistics agree (the audit
 * finds no difference), the journeys equal the ground truth, and every event is logged exactly once.
 */
describe('Store killed mid-feed with every service running (real Kafka, private store)', () => {
  const namespace = `test-store-kill-${uniqueSuffix()}.`;
  const topics = new TopicNames(namespace);
  const kafka = testKafka('store-kill');
  let store: PrivateStore;
  let connection: Connection;
  let platform: SupervisedPlatform;

  beforeAll(async () => {
    store = await PrivateStore.start();
    const uri = store.uri('mmt');
    connection = await connectStore(uri);
    platform = new SupervisedPlatform({
      MONGODB_URI: uri,
      KAFKA_BROKERS: infra.kafkaBrokers.join(','),
      MMT_NAMESPACE: namespace,
    });
    await ensureTopics(kafka, topics.specs());
    platform.start();
    await platform.waitUntilReady(180_000);
  }, 240_000);

  afterAll(async () => {
    await platform?.stop();
    await connection?.close();
    await store?.remove();
    await deleteTopics(
      kafka,
      topics.specs().map((s) => s.name),
    );
  });

  it(
    'loses nothing: the audit finds no difference and the journeys equal the ground truth',
    async () => {
      const simulation = simulate({
        journeys: 150,
        seed: 31,
        start: '2026-03-09T08:00:00+08:00',
        shuffle: 0.2,
        duplicates: 0.1,
        lateManifests: 0.3,
        conveyanceReports: true,
        invalid: 0.02,
      });
      const expected = expectedOutcome(simulation.validMessages);
      const eventLog = new EventLogRepository(connection);
      const sending = sendSimulation(kafka, topics, simulation.messages, { rate: 150 });

      await waitFor(
        'a third of the events to be logged',
        async () => (await eventLog.count()) > expected.events.size / 3,
        5 * 60_000,
      );
      await store.kill();
      const killedAt = Date.now();
      await new Promise((resolve) => setTimeout(resolve, OUTAGE_MS));
      await store.restart();
      console.log(`store-kill: store down for ${((Date.now() - killedAt) / 1000).toFixed(1)} s`);
      await sending;

      const journeys = await drainTo(connection, expected, 6 * 60_000, 'store-kill');
      expect(journeys).toEqual(expected.journeys);
      // The statistics follow the journeys: wait until the audit agrees, then hold it to that.
      let report = await auditEventLog(connection);
      const deadline = Date.now() + 3 * 60_000;
      while (report.differences.length > 0 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 2000));
        report = await auditEventLog(connection);
      }
      console.log(`store-kill: restarts ${JSON.stringify(platform.restarts())}`);
      expect(report.differences).toEqual([]);
      expect(report.events).toBe(expected.events.size);
      expect(report.extraCopies).toBe(0);
      // The outage really reached the services: the projector failed batches and retried them in the same
      // process (kafkajs retries a failed batch from its first offset), or exited and was started again.
      const failedBatches = platform.log('projector').split('Error when calling eachBatch').length - 1;
      console.log(`store-kill: the projector failed ${failedBatches} batches`);
      expect(failedBatches + platform.restarts().projector).toBeGreaterThan(0);
    },
    TEST_TIMEOUT_MS,
  );
});

import { TOPICS } from '@mmt/contracts';
import { createProducer, deleteTopics, TopicNames } from '@mmt/kafka';
import { infra, testKafka, uniqueSuffix } from './support/infra';
import { PrivateStore } from './support/private-store';
import { runServiceProcess, waitForOutput } from './support/service-process';

describe('A service process whose consumer crashes', () => {
  const namespace = `test-process-${uniqueSuffix()}.`;
  const topics = new TopicNames(namespace);
  const kafka = testKafka('process');
  let store: PrivateStore;

  beforeAll(async () => {
    store = await PrivateStore.start();
  });

  afterAll(async () => {
    await store.remove();
    await deleteTopics(
      kafka,
      topics.specs().map((s) => s.name),
    );
  });

  it('exits non-zero with the cause logged, so that a supervisor restarts it', async () => {
    const projector = runServiceProcess('projector', {
      KAFKA_BROKERS: infra.kafkaBrokers.join(','),
      MONGODB_URI: store.uri('process'),
      MMT_NAMESPACE: namespace,
    });
    try {
      await waitForOutput(projector, 'projector consuming', 60_000);
      await store.kill();
      const producer = createProducer(kafka);
      await producer.connect();
      await producer.send({
        topic: topics.name(TOPICS.trackingEvents),
        messages: [
          {
            key: 'MSKU1234565',
            value: JSON.stringify({
              eventId: 'process-1',
              eventType: 'EQUIPMENT',
              containerNo: 'MSKU1234565',
              eventDateTime: '2026-03-02T08:00:00+08:00',
            }),
          },
        ],
        acks: -1,
      });
      await producer.disconnect();
      expect(await projector.exit).toBe(1);
      expect(projector.output()).toContain('projector stopped: its Kafka consumer crashed');
    } finally {
      projector.child.kill('SIGKILL');
    }
  }, 180_000);
});

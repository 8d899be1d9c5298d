import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { TOPICS } from '@mmt/contracts';
import { createProducer, deleteTopics, TopicNames } from '@mmt/kafka';
import { infra, testKafka, uniqueSuffix } from './support/infra';
import { PrivateStore } from './support/private-store';

const REPO_ROOT = join(__dirname, '..');

/** Runs a service as its own process, as `npm start` and the Dockerfile do, and collects what it logs. */
function runService(service: string, env: Record<string, string>) {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', `apps/${service}/src/main.ts`], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, exit, output: () => output };
}

async function waitForOutput(service: ReturnType<typeof runService>, text: string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (!service.output().includes(text)) {
    if (Date.now() > deadline || service.child.exitCode !== null) {
      throw new Error(`no "${text}" in the service's output:\n${service.output()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

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
    const projector = runService('projector', {
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

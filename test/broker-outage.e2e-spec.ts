import { ensureTopics, createKafka, TopicNames } from '@mmt/kafka';
import { BROKER_SILENCE_MS } from '@mmt/metrics';
import { waitFor } from './support/graphql-client';
import { infra, uniqueSuffix } from './support/infra';
import { PrivateKafka } from './support/private-kafka';
import { runServiceProcess, type ServiceProcess } from './support/service-process';

const SHUTDOWN_GRACE_MS = 5000;
/** What a batch service's readiness says when its consumers lost the broker (or the process is going). */
const BROKER_REASON = /no answer from the broker|crashed|exiting/;

/**
 * The broker stops while services run, each as its own process: a batch service must not look ready while it
 * cannot reach the broker, and a service told to stop must exit within its grace period even though its
 * consumers cannot leave their groups.
 */
describe('Broker outage (private Kafka broker, real store)', () => {
  const namespace = `test-broker-outage-${uniqueSuffix()}.`;
  const database = new URL(infra.mongodbUri);
  database.pathname = `/test_broker_outage_${uniqueSuffix()}`.replace(/-/g, '_');
  let kafka: PrivateKafka;
  const running: ServiceProcess[] = [];

  const start = (service: string) => {
    const process = runServiceProcess(service, {
      KAFKA_BROKERS: kafka.brokers,
      MONGODB_URI: database.toString(),
      MMT_NAMESPACE: namespace,
      GATEWAY_PORT: '0',
      MMT_SHUTDOWN_GRACE_MS: String(SHUTDOWN_GRACE_MS),
    });
    running.push(process);
    return process;
  };
  const readiness = async (ops: string) => (await fetch(`${ops}/health/ready`).catch(() => undefined))?.status;

  beforeAll(async () => {
    kafka = await PrivateKafka.start();
    await ensureTopics(createKafka('broker-outage', [kafka.brokers]), new TopicNames(namespace).specs());
  }, 120_000);

  afterAll(async () => {
    await Promise.all(running.map((service) => service.stop()));
    await kafka?.remove();
  });

  it('a batch service turns unready soon after the broker goes, and ready again once it is back', async () => {
    const projector = start('projector');
    const ops = await projector.opsUrl();
    await waitFor('the projector to be ready', async () => (await readiness(ops)) === 200, 90_000);
    const exited = () => projector.child.exitCode !== null || projector.child.signalCode !== null;

    await kafka.kill();
    try {
      const stoppedAt = Date.now();
      // Status and reason from one answer; an unanswered request counts only once the process is gone. An answer
      // unready for another reason (the store slow to answer on a loaded machine) is not the one looked for.
      let answer: { status: number; body: string } | undefined;
      await waitFor(
        'the projector to stop looking ready for want of the broker',
        async () => {
          if (exited()) {
            return true;
          }
          answer = await fetch(`${ops}/health/ready`)
            .then(async (response) => ({ status: response.status, body: await response.text() }))
            .catch(() => undefined);
          return answer !== undefined && answer.status !== 200 && BROKER_REASON.test(answer.body);
        },
        BROKER_SILENCE_MS + 15_000,
      );
      const unreadyAfterMs = Date.now() - stoppedAt;
      // Either way is right: not ready (and why), or gone for its supervisor to restart (readiness unanswered).
      const body = exited() ? 'the process is exiting' : answer!.body;
      console.log(`broker-outage: the projector stopped looking ready after ${unreadyAfterMs} ms: ${body}`);
      expect(unreadyAfterMs).toBeLessThan(BROKER_SILENCE_MS + 15_000);
      expect(body).toMatch(BROKER_REASON);
    } finally {
      await kafka.restart();
    }
    await waitFor(
      'the projector to be ready again, or gone for its supervisor to restart',
      async () => exited() || (await readiness(ops)) === 200,
      90_000,
    );
  }, 240_000);

  it('a gateway told to stop while the broker is gone exits within its grace period', async () => {
    const gateway = start('gateway');
    const ops = await gateway.opsUrl();
    await waitFor('the gateway to be ready', async () => (await readiness(ops)) === 200, 90_000);
    await kafka.kill();
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const signalledAt = Date.now();
    gateway.child.kill('SIGTERM');
    await gateway.exit;
    const exitedAfterMs = Date.now() - signalledAt;
    console.log(`broker-outage: the gateway exited ${exitedAfterMs} ms after SIGTERM`);
    expect(exitedAfterMs).toBeLessThan(SHUTDOWN_GRACE_MS + 3000);
  }, 240_000);
});

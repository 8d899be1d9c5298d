import type { Connection } from 'mongoose';
import { AlertsRepository } from '@mmt/alerts';
import {
  containerCheckDigit,
  TOPICS,
  type AlertChange,
  type RawLoading,
  type RawWaybill,
  type LoadingOperation,
} from '@mmt/contracts';
import { createProducer } from '@mmt/kafka';
import { connectStore } from '@mmt/store';
import { readTopicToEnd } from './support/dead-letters';
import { waitFor } from './support/graphql-client';
import { TestPipeline } from './support/pipeline';

/**
 * The clock at work: cold cargo discharged at Qinzhou waits for its in-yard transfer (discharge to gate-in, 6 h
 * for cold cargo under the built-in limits). Reports are sent in real time, so deadlines fall while the test runs.
 */
const HOUR = 3_600_000;
const COLD_LIMIT_MS = 6 * HOUR;
const LATE_GRACE_MS = 4_000;
const QINZHOU = { locode: 'CNQZH', facility: 'QCT' };
const VESSEL = { mode: 'VESSEL', imo: '9811000', voyage: 'E201' } as const;

const containerNo = (serial: number) => {
  const first10 = `TSTU${String(serial).padStart(6, '0')}`;
  return `${first10}${containerCheckDigit(first10)}`;
};
const sameList = (a: readonly string[], b: readonly string[]) => a.join('\n') === b.join('\n');
const iso = (ms: number) => new Date(ms).toISOString();

const documentOf = (coldChain: boolean) => `WB-COLD-${coldChain}`;

function waybill(containerNos: readonly string[], coldChain: boolean): RawWaybill {
  const documentNo = documentOf(coldChain);
  return {
    kind: 'WAYBILL',
    messageId: `wb-${documentNo}`,
    source: 'COASTAL_PORT',
    sentAt: iso(Date.now() - 10 * 24 * HOUR),
    documentType: 'BILL_OF_LADING',
    documentNo,
    status: 'ISSUED',
    eventTime: iso(Date.now() - 10 * 24 * HOUR),
    shipper: { orgId: 'ORG-COLD-SHIPPER', name: 'Cold Shipper' },
    consignee: { orgId: 'ORG-COLD-CONSIGNEE', name: 'Cold Consignee' },
    origin: { locode: 'SGSIN', facility: 'PPT' },
    destination: { locode: 'CNCQI', facility: 'GYP' },
    cargoDescription: coldChain ? 'Frozen durian' : 'Furniture',
    coldChain,
    containers: containerNos.map((c) => ({ containerNo: c, isoSizeType: '45R1' })),
  };
}

function loading(container: string, operation: LoadingOperation, at: number, coldChain = true): RawLoading {
  return {
    kind: 'LOADING',
    messageId: `ld-${container}-${operation}`,
    source: 'COASTAL_PORT',
    sentAt: iso(Date.now()),
    containerNo: container,
    operation,
    eventTime: iso(at),
    location: QINZHOU,
    documents: [{ type: 'BILL_OF_LADING', ref: documentOf(coldChain) }],
    ...(operation === 'DISCHARGE' ? { conveyance: VESSEL } : {}),
  };
}

describe('Cold-chain cargo waiting past its limit (real Kafka, real store, the alerts clock)', () => {
  const pipeline = new TestPipeline('cold-waits');
  let store: Connection;
  const [onTime, endsInTime, notCold, learnedLate, lateButEnded] = [1, 2, 3, 4, 5].map(containerNo);
  let deadline: number;

  const send = async (messages: readonly (RawWaybill | RawLoading)[]) => {
    const producer = createProducer(pipeline.kafka);
    await producer.connect();
    for (const message of messages) {
      const topic = message.kind === 'WAYBILL' ? TOPICS.rawWaybill : TOPICS.rawLoading;
      const key = message.kind === 'WAYBILL' ? message.documentNo : message.containerNo;
      await producer.send({ topic: pipeline.topics.name(topic), messages: [{ key, value: JSON.stringify(message) }] });
    }
    await producer.disconnect();
  };
  const changes = () => readTopicToEnd<AlertChange>(pipeline, pipeline.topics.name(TOPICS.alerts));
  const waitingChanges = async () => (await changes()).filter((c) => c.alert.kind === 'COLD_CHAIN_WAITING');
  const containerOf = (c: AlertChange) => c.alert.containerNo;
  let learnedLateAt: number;

  beforeAll(async () => {
    store = await connectStore(pipeline.config.mongodbUri);
    await pipeline.start();
    await pipeline.startAlerts({ waitSweepMs: 250, lateWaitGraceMs: LATE_GRACE_MS });
    // onTime and endsInTime were discharged long enough ago for their cold limit to run out 15 s from now.
    deadline = Date.now() + 15_000;
    const discharged = deadline - COLD_LIMIT_MS;
    const longAgo = Date.now() - 2 * 24 * HOUR;
    await send([waybill([onTime, endsInTime, learnedLate, lateButEnded], true), waybill([notCold], false)]);
    await send([
      loading(onTime, 'DISCHARGE', discharged),
      loading(endsInTime, 'DISCHARGE', discharged),
      loading(notCold, 'DISCHARGE', discharged, false),
    ]);
    learnedLateAt = Date.now();
    // Two days old when they arrive: the cold limit ran out long before the platform heard of them.
    await send([loading(learnedLate, 'DISCHARGE', longAgo), loading(lateButEnded, 'DISCHARGE', longAgo)]);
    await send([loading(lateButEnded, 'GATE_IN', longAgo + 10 * HOUR)]);
    const repository = new AlertsRepository(store);
    await waitFor(
      'the late reports to be judged',
      async () => (await repository.collection.countDocuments({ kind: 'TIME_LIMIT_BREACH' })) === 1,
      30_000,
    );
    await send([loading(endsInTime, 'GATE_IN', Date.now())]);
  }, 120_000);

  afterAll(async () => {
    await pipeline.stop(store);
    await store.close();
  });

  it('raises the wait of cold cargo once its limit runs out, not before, and not for other cargo', async () => {
    await waitFor(
      'the on-time wait to be raised',
      async () => (await waitingChanges()).some((c) => containerOf(c) === onTime),
      30_000,
    );
    const raised = (await waitingChanges()).filter((c) => c.change === 'RAISED' && containerOf(c) === onTime);
    expect(raised).toHaveLength(1);
    expect(Date.parse(raised[0].alert.raisedAt)).toBeGreaterThanOrEqual(deadline);
    expect(raised[0].alert).toEqual(
      expect.objectContaining({
        state: 'OPEN',
        coldChain: true,
        operation: 'IN_YARD_TRANSFER',
        limitMinutes: COLD_LIMIT_MS / 60_000,
        at: iso(deadline),
      }),
    );
    expect(raised[0].alert.orgIds).toContain('ORG-COLD-SHIPPER');
  }, 60_000);

  it('gives a wait learned after its deadline a grace for its end to arrive, then raises it', async () => {
    await waitFor(
      'the late wait to be raised',
      async () => (await waitingChanges()).some((c) => containerOf(c) === learnedLate),
      30_000,
    );
    const [late] = (await waitingChanges()).filter((c) => containerOf(c) === learnedLate);
    expect(Date.parse(late.alert.raisedAt)).toBeGreaterThanOrEqual(learnedLateAt + LATE_GRACE_MS);
    // Its end came within the grace: a breach of the limit, and no wait.
    const breaches = (await changes()).filter((c) => c.alert.kind === 'TIME_LIMIT_BREACH');
    expect(breaches.map(containerOf)).toEqual([lateButEnded]);
    expect((await waitingChanges()).map(containerOf).sort()).toEqual([learnedLate, onTime].sort());
  }, 60_000);

  it('raises nothing for a wait that ended before its deadline, and clears a raised one when it ends', async () => {
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, deadline + 2_000 - Date.now())));
    expect((await waitingChanges()).filter((c) => [endsInTime, notCold].includes(containerOf(c)))).toEqual([]);

    await send([loading(onTime, 'GATE_IN', Date.now())]);
    const states = async () =>
      (await new AlertsRepository(store).collection.find({ containerNo: onTime }).toArray())
        .map((a) => `${a.kind} ${a.state}`)
        .sort();
    // Its end supersedes the wait with a breach of the limit.
    const expected = ['COLD_CHAIN_WAITING CLEARED', 'TIME_LIMIT_BREACH OPEN'];
    await waitFor('the on-time wait to be cleared', async () => sameList(await states(), expected), 30_000);
    const cleared = (await waitingChanges()).filter((c) => containerOf(c) === onTime && c.change === 'CLEARED');
    expect(cleared).toHaveLength(1);
    expect(pipeline.fatal).toEqual([]);
  }, 60_000);
});

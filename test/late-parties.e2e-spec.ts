import type { Client } from 'graphql-ws';
import type { Connection } from 'mongoose';
import { ApiKeysRepository } from '@mmt/access';
import { containerCheckDigit, TOPICS, type RawLoading, type RawWaybill, type TopicName } from '@mmt/contracts';
import { createProducer } from '@mmt/kafka';
import { connectStore } from '@mmt/store';
import { Collector, query, waitFor, wsClient } from './support/graphql-client';
import { TestPipeline } from './support/pipeline';

/**
 * Customs selects a container for inspection before its waybill reaches the platform: the notice goes to the port
 * office at once; the shipper and consignee learn of it when the waybill makes them parties of the journey.
 */
const HOUR = 3_600_000;
const QINZHOU = { locode: 'CNQZH', facility: 'QCT' };
const CONTAINER = `TSTU900001${containerCheckDigit('TSTU900001')}`;
const WAYBILL_NO = 'WB-LATE-PARTIES';
const iso = (ms: number) => new Date(ms).toISOString();

const selected: RawLoading = {
  kind: 'LOADING',
  messageId: 'ld-late-parties-selected',
  source: 'COASTAL_PORT',
  sentAt: iso(Date.now()),
  containerNo: CONTAINER,
  operation: 'CUSTOMS_SELECTED',
  eventTime: iso(Date.now() - 2 * HOUR),
  location: QINZHOU,
};

const waybill: RawWaybill = {
  kind: 'WAYBILL',
  messageId: 'wb-late-parties',
  source: 'COASTAL_PORT',
  sentAt: iso(Date.now()),
  documentType: 'BILL_OF_LADING',
  documentNo: WAYBILL_NO,
  status: 'ISSUED',
  eventTime: iso(Date.now() - 3 * 24 * HOUR),
  shipper: { orgId: 'org-late-shipper', name: 'Late Shipper' },
  consignee: { orgId: 'org-late-consignee', name: 'Late Consignee' },
  origin: { locode: 'SGSIN', facility: 'PPT' },
  destination: { locode: 'CNCQI', facility: 'GYP' },
  cargoDescription: 'Rubber',
  coldChain: false,
  containers: [{ containerNo: CONTAINER, isoSizeType: '45G1' }],
};

type Pushed = { noticeIssued: { noticeId: string; journeyId: string; kind: string } };

describe('An inspection notice for parties that a late waybill adds (real Kafka, real store, GraphQL)', () => {
  const pipeline = new TestPipeline('late-parties');
  let store: Connection;
  let url: string;
  const clients: Client[] = [];
  const keys: Record<'port' | 'shipper' | 'consignee' | 'other', string> = {
    port: '',
    shipper: '',
    consignee: '',
    other: '',
  };
  const pushed = {} as Record<keyof typeof keys, Collector<Pushed>>;

  const send = async (topic: TopicName, key: string, message: RawLoading | RawWaybill) => {
    const producer = createProducer(pipeline.kafka);
    await producer.connect();
    await producer.send({ topic: pipeline.topics.name(topic), messages: [{ key, value: JSON.stringify(message) }] });
    await producer.disconnect();
  };
  const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  beforeAll(async () => {
    store = await connectStore(pipeline.config.mongodbUri);
    await pipeline.start();
    await pipeline.startAlerts();
    url = await pipeline.startGateway();
    const apiKeys = new ApiKeysRepository(store);
    keys.port = (await apiKeys.create({ role: 'PORT_OFFICE', orgId: 'PORT-QZ', name: 'Port office' })).apiKey;
    keys.shipper = (await apiKeys.create({ role: 'SHIPPER', orgId: 'ORG-LATE-SHIPPER', name: 'Shipper' })).apiKey;
    keys.consignee = (await apiKeys.create({ role: 'SHIPPER', orgId: 'org-late-consignee', name: 'Consignee' })).apiKey;
    keys.other = (await apiKeys.create({ role: 'SHIPPER', orgId: 'org-late-other', name: 'Other' })).apiKey;
    for (const who of Object.keys(keys) as (keyof typeof keys)[]) {
      const client = wsClient(url, keys[who]);
      clients.push(client);
      pushed[who] = new Collector<Pushed>(client, 'subscription { noticeIssued { noticeId journeyId kind } }');
    }
    await pause(4000); // the gateway's feed consumer joins its group
  }, 120_000);

  afterAll(async () => {
    clients.forEach((client) => void client.dispose());
    await pipeline.stop(store);
    await store.close();
  });

  it('pushes the notice to the port office at once, and to each party once, when the waybill names it', async () => {
    await send(TOPICS.rawLoading, CONTAINER, selected);
    await waitFor('the port office to get the notice', () => pushed.port.items.length === 1, 60_000);
    const [first] = pushed.port.items.map((i) => i.noticeIssued);
    expect(first).toMatchObject({ journeyId: `${CONTAINER}/UNDOCUMENTED`, kind: 'SELECTED_FOR_INSPECTION' });

    await send(TOPICS.rawWaybill, WAYBILL_NO, waybill);
    await waitFor(
      'the shipper and the consignee to get the notice',
      () => pushed.shipper.items.length > 0 && pushed.consignee.items.length > 0,
      60_000,
    );
    await pause(3000); // anything sent twice, or to others, would arrive meanwhile
    const journeyId = `${CONTAINER}/BILL_OF_LADING:${WAYBILL_NO}`;
    for (const party of [pushed.shipper, pushed.consignee]) {
      expect(party.items.map((i) => i.noticeIssued)).toEqual([{ ...first, journeyId }]);
    }
    expect(pushed.port.items).toHaveLength(1);
    expect(pushed.other.items).toEqual([]);
    for (const collector of Object.values(pushed)) {
      expect(collector.errors).toEqual([]);
    }

    const list = `query ($c: ContainerNumber) { notices(containerNo: $c) { noticeId journeyId } }`;
    for (const key of [keys.port, keys.shipper, keys.consignee]) {
      const answer = await query<{ notices: unknown[] }>(url, key, list, { c: CONTAINER });
      expect(answer.data?.notices).toEqual([{ noticeId: first.noticeId, journeyId }]);
    }
    expect((await query<{ notices: unknown[] }>(url, keys.other, list, { c: CONTAINER })).data?.notices).toEqual([]);
  });
});

import type { Client } from 'graphql-ws';
import type { Connection } from 'mongoose';
import { ApiKeysRepository } from '@mmt/access';
import { encodePayload, TOPICS, type AlertChange, type Notice } from '@mmt/contracts';
import { createProducer } from '@mmt/kafka';
import { connectStore } from '@mmt/store';
import { Collector, waitFor, wsClient } from './support/graphql-client';
import { TestPipeline } from './support/pipeline';

/**
 * The alerts service sends at least once: a retry after a send whose answer was lost sends a copy, the same message
 * with the same times. A subscriber gets each message once; a notice sent again for parties a late waybill added
 * is a message of its own and reaches them (once, however often it is copied).
 */
describe('alertRaised and noticeIssued deliver each message once (real Kafka, real store, graphql-ws)', () => {
  const pipeline = new TestPipeline('alert-copies');
  let store: Connection;
  const clients: Client[] = [];

  const raised: AlertChange = {
    change: 'RAISED',
    changedAt: '2026-03-10T08:00:00.000Z',
    alert: {
      alertId: 'TIME_LIMIT_BREACH|TSTU9000011/BILL_OF_LADING:WB-1|PICK_UP',
      kind: 'TIME_LIMIT_BREACH',
      state: 'OPEN',
      journeyId: 'TSTU9000011/BILL_OF_LADING:WB-1',
      containerNo: 'TSTU9000011',
      coldChain: false,
      orgIds: ['ORG-SHIPPER'],
      at: '2026-03-10T07:00:00.000Z',
      message: 'Pick-up took longer than its limit',
      raisedAt: '2026-03-10T08:00:00.000Z',
    },
  };
  const cleared: AlertChange = { ...raised, change: 'CLEARED', changedAt: '2026-03-10T09:00:00.000Z' };
  const notice: Notice = {
    noticeId: 'evt-selected-1',
    kind: 'SELECTED_FOR_INSPECTION',
    journeyId: raised.alert.journeyId,
    containerNo: 'TSTU9000011',
    coldChain: false,
    orgIds: ['ORG-SHIPPER'],
    place: { locode: 'CNQZH', facility: 'QCT' },
    at: '2026-03-10T06:00:00.000Z',
    eventId: 'evt-selected-1',
    message: 'Customs selected the container for inspection',
    issuedAt: '2026-03-10T06:05:00.000Z',
  };
  const forAdded: Notice = { ...notice, orgIds: ['ORG-SHIPPER', 'ORG-LATE'], addedOrgIds: ['ORG-LATE'] };

  beforeAll(async () => {
    store = await connectStore(pipeline.config.mongodbUri);
  });

  afterAll(async () => {
    clients.forEach((client) => void client.dispose());
    await pipeline.stop(store);
    await store.close();
  });

  it('drops copies, per subscription, and still delivers a notice sent again for added parties', async () => {
    const url = await pipeline.startGateway();
    const apiKeys = new ApiKeysRepository(store);
    const key = async (role: 'PORT_OFFICE' | 'SHIPPER', orgId: string) =>
      (await apiKeys.create({ role, orgId, name: orgId })).apiKey;
    const subscribe = <T>(apiKey: string, query: string) => {
      const client = wsClient(url, apiKey);
      clients.push(client);
      return new Collector<T>(client, query);
    };
    type Alerts = { alertRaised: { change: string; changedAt: string } };
    type Notices = { noticeIssued: { noticeId: string; issuedAt: string } };
    const portAlerts = subscribe<Alerts>(
      await key('PORT_OFFICE', 'PORT-QZ'),
      'subscription { alertRaised { change changedAt } }',
    );
    const portNotices = subscribe<Notices>(
      await key('PORT_OFFICE', 'PORT-QZ'),
      'subscription { noticeIssued { noticeId issuedAt } }',
    );
    const late = subscribe<Notices>(
      await key('SHIPPER', 'ORG-LATE'),
      'subscription { noticeIssued { noticeId issuedAt } }',
    );
    await new Promise((resolve) => setTimeout(resolve, 3000)); // the gateway's feed joins its group

    const producer = createProducer(pipeline.kafka);
    await producer.connect();
    const send = async (topic: typeof TOPICS.alerts | typeof TOPICS.notices, payloads: (AlertChange | Notice)[]) => {
      await producer.send({
        topic: pipeline.topics.name(topic),
        messages: payloads.map((p) => ({ key: 'TSTU9000011', value: encodePayload(topic, p as never) })),
      });
    };
    // Each message, then a copy of it (a retry whose first answer was lost), in order per container.
    await send(TOPICS.alerts, [raised, raised, cleared, cleared]);
    await send(TOPICS.notices, [notice, notice, forAdded, forAdded]);
    await producer.disconnect();

    await waitFor(
      'every subscriber to get what it is owed',
      () => Promise.resolve(portAlerts.items.length >= 2 && portNotices.items.length >= 1 && late.items.length >= 1),
      30_000,
    );
    await new Promise((resolve) => setTimeout(resolve, 2000)); // room for a copy to arrive, if it were let through
    expect(portAlerts.items.map((i) => i.alertRaised)).toEqual([
      { change: 'RAISED', changedAt: raised.changedAt },
      { change: 'CLEARED', changedAt: cleared.changedAt },
    ]);
    expect(portNotices.items.map((i) => i.noticeIssued)).toEqual([
      { noticeId: notice.noticeId, issuedAt: notice.issuedAt },
    ]);
    expect(late.items.map((i) => i.noticeIssued)).toEqual([{ noticeId: notice.noticeId, issuedAt: notice.issuedAt }]);
  }, 120_000);
});

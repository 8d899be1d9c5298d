import type { Producer } from 'kafkajs';
import type { Connection } from 'mongoose';
import { canSee, type Principal } from '@mmt/access';
import { armFailpoints, disarmFailpoints, failpointFired } from '@mmt/config';
import { TOPICS, type JourneyUpdate } from '@mmt/contracts';
import {
  generateSecret,
  startWebhookReceiver,
  SubscriptionsRepository,
  EventFeedRepository,
  toDcsaEvent,
  type DcsaEvent,
  type EventFilter,
  type ReceivedNotification,
  type WebhookReceiver,
} from '@mmt/dcsa';
import { createProducer, deleteConsumerGroups } from '@mmt/kafka';
import { connectStore, orgKey } from '@mmt/store';
import { FeedService } from '../apps/webhooks/src/feed.service';
import { recordBatchAttempts, type BatchAttempt } from './support/batch-attempts';
import { waitFor } from './support/graphql-client';
import { allowLocalCallbacks } from './support/local-callbacks';
import { containerOf, journeyUpdates, placeOf } from './support/partner-api';
import { TestPipeline, type Stop } from './support/pipeline';
import { simulatedHistory } from './support/simulated-history';

/** Pages of at most 40 events, so that a batch leaves a part-filled last page for its retry to find. */
const OPTIONS = {
  pollMs: 150,
  batchSize: 40,
  timeoutMs: 2000,
  // Short leases, renewed every 0.75 s, so that a round of deliveries takes some.
  leaseMs: 1500,
  retry: { baseDelayMs: 50, maxDelayMs: 200, retryWindowMs: 10 * 60_000 },
  // The receivers are on 127.0.0.1 over http, which callbacks may reach only when WEBHOOK_ALLOWED_HOSTS says so.
  callbacks: allowLocalCallbacks(),
};
const JOURNEYS_PER_FEED = 24;
/** The updates after the first third are sent in slices this far apart, so that a failed batch's retry finds more. */
const SLICE = 8;
const SLICE_GAP_MS = 300;
const DELIVERY_TIMEOUT_MS = 60_000;
/** The steps of the feed's batch handler (a failure there fails the batch); the others are the dispatcher's. */
const FEED_STEPS = new Set([
  'webhooks.takePositions',
  'webhooks.insertFeed',
  'webhooks.relinkFeed',
  'webhooks.finishPositions',
  'webhooks.enqueue',
  'webhooks.markBatch',
]);

/** Every write step of the webhooks service, with the moments that matter for each. */
const CASES: readonly [step: string, moment: 'once' | 'once-after', call: number][] = [
  // Positions taken, then the answer lost: the retry takes the allocation over and keeps its start.
  ['webhooks.takePositions', 'once-after', 2],
  ['webhooks.insertFeed', 'once', 2],
  ['webhooks.insertFeed', 'once-after', 2],
  ['webhooks.relinkFeed', 'once', 2],
  ['webhooks.relinkFeed', 'once-after', 2],
  // The events written but the allocation left open: the feed serves nothing past it until the retry ends it.
  ['webhooks.finishPositions', 'once', 2],
  ['webhooks.enqueue', 'once', 2],
  ['webhooks.enqueue', 'once-after', 2],
  ['webhooks.markBatch', 'once', 2],
  ['webhooks.markBatch', 'once-after', 2],
  ['webhooks.claimLease', 'once', 2],
  ['webhooks.claimLease', 'once-after', 2],
  ['webhooks.markDelivered', 'once', 3],
  ['webhooks.markDelivered', 'once-after', 3],
  ['webhooks.recordAttempt', 'once', 3],
  ['webhooks.recordAttempt', 'once-after', 3],
  ['webhooks.recordFailure', 'once-after', 1],
  ['webhooks.clearFailures', 'once-after', 1],
];

interface Subscriber {
  readonly name: string;
  readonly principal: Principal;
  readonly filter: EventFilter;
  /** The events it must receive, in the test's independent terms. */
  readonly wanted: (event: DcsaEvent) => boolean;
  readonly notifications: ReceivedNotification[];
  /** How many POSTs it refused (503). */
  refusals: number;
  id: string;
  receiver: WebhookReceiver;
}

/** What a subscriber must receive of these updates, in the order each container's events were published. */
function expectedFor(updates: readonly JourneyUpdate[], subscriber: Subscriber): DcsaEvent[] {
  return updates.flatMap((update) =>
    canSee(subscriber.principal, update.journey)
      ? (update.events ?? []).flatMap((e) => toDcsaEvent(e) ?? []).filter(subscriber.wanted)
      : [],
  );
}

function byContainer(events: readonly DcsaEvent[]): Map<string, string[]> {
  const order = new Map<string, string[]>();
  for (const event of events) {
    order.set(containerOf(event), [...(order.get(containerOf(event)) ?? []), event.eventID]);
  }
  return order;
}

/**
 * The webhooks service under a failed write and its retry, on the real broker and store, delivering to real HTTP
 * receivers on 127.0.0.1. Each case sends a third of a new feed of journey updates, lets it settle, arms one
 * failpoint, then sends the rest in slices: the chosen call at that step fails once (before it is made, or after
 * it as if the answer was lost). A feed step's batch is retried by kafkajs in the same process from the same
 * offset, by then with more updates; a delivery step's drain stops and the next poll starts it again. Every
 * subscription must end with exactly the events it matches, none twice, each container's in order; the feed
 * must hold exactly the events of every update so far, the outbox each event once per subscription, and the
 * attempts log one record per POST.
 */
describe('Webhooks: each write step failed once mid-feed, then retried (real Kafka, store and receivers)', () => {
  const pipeline = new TestPipeline('failpoints-webhooks');
  const updatesTopic = pipeline.topics.name(TOPICS.journeyUpdates);
  const sent: JourneyUpdate[] = [];
  const secrets = new Map<string, string>();
  const subscribers: Subscriber[] = [];
  let store: Connection;
  let producer: Producer;
  let attempts: BatchAttempt[];
  let stopWebhooks: Stop;

  async function subscribe(
    name: string,
    principal: Principal,
    filter: EventFilter,
    wanted: (event: DcsaEvent) => boolean,
    refuseEvery = 0,
  ): Promise<void> {
    const subscriber: Subscriber = {
      name,
      principal,
      filter,
      wanted,
      notifications: [],
      refusals: 0,
      id: '',
      receiver: undefined as never,
    };
    let posts = 0;
    subscriber.receiver = await startWebhookReceiver({
      port: 0,
      secretOf: (id) => secrets.get(id),
      behaviour: () => {
        posts += 1;
        if (refuseEvery > 0 && posts % refuseEvery === 0) {
          subscriber.refusals += 1;
          return 503;
        }
        return 'accept';
      },
      onNotification: (notification) => subscriber.notifications.push(notification),
    });
    const secret = generateSecret();
    const created = await new SubscriptionsRepository(store).create(
      principal,
      { callbackUrl: subscriber.receiver.url, filter },
      secret,
      new Date(0),
    );
    subscriber.id = created._id;
    secrets.set(created._id, secret);
    subscribers.push(subscriber);
  }

  async function publish(updates: readonly JourneyUpdate[]): Promise<void> {
    sent.push(...updates);
    await producer.send({
      topic: updatesTopic,
      messages: updates.map((u) => ({ key: u.journey.containerNo, value: JSON.stringify(u) })),
    });
  }

  const pendingCount = () => store.collection('webhook_deliveries').countDocuments({ delivered: false });

  /**
   * The feed has committed everything sent and the outbox has nothing left to send: what was enqueued has been
   * delivered (an event lost on the way is never enqueued, so it does not hold this up: expectExact finds it).
   */
  async function waitForDeliveries(what: string): Promise<void> {
    await pipeline.waitUntilCommittedToEnd('webhooks', [updatesTopic]);
    await waitFor(
      `the outbox to be delivered (${what})`,
      async () => (await pendingCount()) === 0,
      DELIVERY_TIMEOUT_MS,
    );
    // A little longer, for anything that would arrive twice.
    await new Promise((resolve) => setTimeout(resolve, 4 * OPTIONS.pollMs));
  }

  /** The feed, the outbox, the attempts log and what each receiver got, against the updates sent so far. */
  async function expectExact(): Promise<void> {
    // No allocation left open: the feed's horizon is past every event written.
    expect(await new EventFeedRepository(store).clock.open()).toEqual([]);
    const feed = await store
      .collection<{ _id: string; journeyId: string; orgKeys: string[] }>('dcsa_events')
      .find({}, { projection: { journeyId: 1, orgKeys: 1 }, sort: { _id: 1 } })
      .toArray();
    const truth = new Map<string, { journeyId: string; orgKeys: string[] }>();
    for (const update of sent) {
      for (const event of update.events ?? []) {
        const dcsa = toDcsaEvent(event);
        if (dcsa !== undefined) {
          truth.set(dcsa.eventID, { journeyId: update.journey.journeyId, orgKeys: update.journey.orgIds.map(orgKey) });
        }
      }
    }
    expect(feed.map((e) => [e._id, e.journeyId, e.orgKeys])).toEqual(
      [...truth].sort(([a], [b]) => (a < b ? -1 : 1)).map(([id, e]) => [id, e.journeyId, e.orgKeys]),
    );

    for (const subscriber of subscribers) {
      const expected = expectedFor(sent, subscriber);
      const ids = expected.map((e) => e.eventID);
      const arrived = subscriber.notifications.flatMap((n) => n.events.map((e) => e.eventID));
      // Exactly its events, none twice (every notification counted, not only what the receiver had not seen).
      expect({ subscriber: subscriber.name, events: [...arrived].sort() }).toEqual({
        subscriber: subscriber.name,
        events: [...ids].sort(),
      });
      expect(byContainer(subscriber.notifications.flatMap((n) => n.events))).toEqual(byContainer(expected));
      expect(subscriber.receiver.refused).toEqual([]);

      const pages = await store.collection('webhook_deliveries').find({ subscriptionId: subscriber.id }).toArray();
      const queued = pages.flatMap((page) => (page.events as DcsaEvent[]).map((e) => e.eventID));
      expect({ subscriber: subscriber.name, queued: queued.sort() }).toEqual({
        subscriber: subscriber.name,
        queued: [...ids].sort(),
      });

      const log = await store.collection('webhook_attempts').find({ subscriptionId: subscriber.id }).toArray();
      expect({
        subscriber: subscriber.name,
        delivered: log.filter((a) => a.outcome === 'DELIVERED').length,
        failed: log.filter((a) => a.outcome === 'FAILED').length,
      }).toEqual({
        subscriber: subscriber.name,
        delivered: subscriber.notifications.length,
        failed: subscriber.refusals,
      });
    }
  }

  beforeAll(async () => {
    store = await connectStore(pipeline.config.mongodbUri);
    attempts = recordBatchAttempts(FeedService, 2);
    stopWebhooks = await pipeline.startWebhooks(OPTIONS);
    producer = createProducer(pipeline.kafka);
    await producer.connect();
    const port: Principal = { keyId: 'k-port', role: 'PORT_OFFICE', orgId: 'PORT-CQ', name: 'PORT-CQ' };
    const partner: Principal = { keyId: 'k-partner', role: 'PARTNER', orgId: 'org-de-rheinruhr', name: 'partner' };
    const shipper: Principal = { keyId: 'k-shipper', role: 'SHIPPER', orgId: 'org-cq-electronics', name: 'shipper' };
    await subscribe('port office, everything', port, {}, () => true);
    await subscribe('partner, everything it may see', partner, {}, () => true);
    await subscribe(
      'shipper, loads and discharges',
      shipper,
      { eventType: ['EQUIPMENT'], equipmentEventTypeCode: ['LOAD', 'DISC'] },
      (e) => e.eventType === 'EQUIPMENT' && ['LOAD', 'DISC'].includes(e.equipmentEventTypeCode),
    );
    // Refuses every third POST: its failures and recoveries are write steps too.
    await subscribe('flaky, at Qinzhou', port, { UNLocationCode: ['CNQZH'] }, (e) => placeOf(e) === 'CNQZH', 3);
  });

  afterEach(() => disarmFailpoints());

  afterAll(async () => {
    jest.restoreAllMocks();
    await producer?.disconnect();
    await Promise.all(subscribers.map((s) => s.receiver.close()));
    await pipeline.stop(store);
    await store.close();
  });

  for (const [index, [step, moment, call]] of CASES.entries()) {
    it(`delivers every event exactly once when ${step} fails (${moment}, call ${call}) mid-feed`, async () => {
      const history = simulatedHistory({
        journeys: JOURNEYS_PER_FEED,
        seed: 700 + index,
        start: new Date(Date.UTC(2026, 0, 5 + 4 * index)).toISOString(),
      });
      const updates = journeyUpdates(history.journeys, history.events, 3, new Date().toISOString());
      const third = Math.floor(updates.length / 3);
      await publish(updates.slice(0, third));
      await pipeline.waitUntilCommittedToEnd('webhooks', [updatesTopic]);

      const before = attempts.length;
      armFailpoints(`${step}:${moment}@${call}`);
      for (let i = third; i < updates.length; i += SLICE) {
        await publish(updates.slice(i, i + SLICE));
        await new Promise((resolve) => setTimeout(resolve, SLICE_GAP_MS));
      }
      await waitForDeliveries(`${step}:${moment}`);

      expect(pipeline.fatal).toEqual([]);
      expect(failpointFired(step)).toBe(1);
      const since = attempts.slice(before);
      const failed = since.filter((a) => a.outcome === 'failed');
      expect(failed).toHaveLength(FEED_STEPS.has(step) ? 1 : 0);
      if (FEED_STEPS.has(step)) {
        // The batch that failed, and its retry: the next try on its partition, from the same offset.
        const retry = since.slice(since.indexOf(failed[0]) + 1).find((a) => a.partition === failed[0].partition);
        expect(retry?.first).toBe(failed[0].first);
        expect(retry!.last).toBeGreaterThanOrEqual(failed[0].last);
        console.log(`${step}:${moment}: failed batch ${failed[0].first}..${failed[0].last}, retry ..${retry!.last}`);
      }
      await expectExact();
    }, 120_000);
  }

  it('delivers nothing again, and leaves the feed as it was, when every journey update is read again', async () => {
    const notifications = subscribers.map((s) => s.notifications.length);
    await stopWebhooks();
    await deleteConsumerGroups(pipeline.kafka, [`${pipeline.config.namespace}webhooks`]);
    stopWebhooks = await pipeline.startWebhooks(OPTIONS);
    await waitForDeliveries('replay');
    expect(pipeline.fatal).toEqual([]);
    expect(subscribers.map((s) => s.notifications.length)).toEqual(notifications);
    await expectExact();
  }, 120_000);
});

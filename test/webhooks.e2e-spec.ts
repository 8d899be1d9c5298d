import type { Connection } from 'mongoose';
import { ApiKeysRepository, canSee, type Principal } from '@mmt/access';
import { TOPICS, type Journey, type JourneyUpdate } from '@mmt/contracts';
import {
  EventFeedRepository,
  generateSecret,
  startWebhookReceiver,
  positionsNeeded,
  toDcsaEvent,
  type DcsaEvent,
  type ReceivedNotification,
  type ReceiverBehaviour,
  type WebhookReceiver,
} from '@mmt/dcsa';
import { connectStore } from '@mmt/store';
import { waitFor } from './support/graphql-client';
import { allowLocalCallbacks } from './support/local-callbacks';
import {
  baseOf,
  containerOf,
  expectSchema,
  journeyUpdates,
  placeOf,
  publishUpdates,
  rest,
} from './support/partner-api';
import { TestPipeline } from './support/pipeline';
import { simulatedHistory } from './support/simulated-history';

/**
 * Webhook subscriptions end to end: the webhooks service reads journey updates from the real Kafka, keeps its
 * outbox in the real store and POSTs to real HTTP receivers on 127.0.0.1, which verify every signature.
 * The retry window is seconds instead of a day, so that a receiver that never answers well pauses in the test.
 */
const RETRY_WINDOW_MS = 8000;
const OPTIONS = {
  pollMs: 200,
  batchSize: 40,
  timeoutMs: 500,
  leaseMs: 10_000,
  retry: { baseDelayMs: 100, maxDelayMs: 400, retryWindowMs: RETRY_WINDOW_MS },
  // The receivers are on 127.0.0.1 over http, which callbacks may reach only when WEBHOOK_ALLOWED_HOSTS says so.
  callbacks: allowLocalCallbacks(),
};
const PARTNER = 'org-de-rheinruhr';
const SHIPPER = 'org-cq-electronics';

interface Subscriber {
  readonly principal: Principal;
  readonly apiKey: string;
  id: string;
  secret: string;
  /** Every notification, in the order received. */
  readonly notifications: ReceivedNotification[];
  receiver: WebhookReceiver;
  behaviour: () => ReceiverBehaviour;
}

/** What a subscription must receive of these updates, in the order each container's events were published. */
function expectedFor(
  updates: readonly JourneyUpdate[],
  owner: Principal,
  wanted: (event: DcsaEvent, journey: Journey) => boolean,
): DcsaEvent[] {
  return updates.flatMap((update) =>
    canSee(owner, update.journey)
      ? (update.events ?? []).flatMap((e) => toDcsaEvent(e) ?? []).filter((e) => wanted(e, update.journey))
      : [],
  );
}

/** The first arrival of each event, per container, in arrival order. */
function arrivalOrder(notifications: readonly ReceivedNotification[]): Map<string, string[]> {
  const order = new Map<string, string[]>();
  for (const { fresh } of notifications) {
    for (const event of fresh) {
      order.set(containerOf(event), [...(order.get(containerOf(event)) ?? []), event.eventID]);
    }
  }
  return order;
}

function publishedOrder(events: readonly DcsaEvent[]): Map<string, string[]> {
  const order = new Map<string, string[]>();
  for (const event of events) {
    order.set(containerOf(event), [...(order.get(containerOf(event)) ?? []), event.eventID]);
  }
  return order;
}

function received(subscriber: Subscriber): Set<string> {
  return new Set(subscriber.notifications.flatMap((n) => n.fresh.map((e) => e.eventID)));
}

describe('webhook subscriptions', () => {
  const pipeline = new TestPipeline('webhooks');
  let store: Connection;
  let base: string;
  const subscribers: Record<'partner' | 'shipper' | 'flaky' | 'pausing', Subscriber> = {} as never;
  const secrets = new Map<string, string>();
  const roundOne = simulatedHistory({ journeys: 90, seed: 31, start: '2026-03-02T08:00:00+08:00' });
  const roundTwo = simulatedHistory({ journeys: 40, seed: 32, start: '2026-04-06T08:00:00+08:00' });
  let firstUpdates: JourneyUpdate[];

  async function receiverFor(subscriber: Subscriber, port = 0): Promise<WebhookReceiver> {
    return startWebhookReceiver({
      port,
      secretOf: (id) => secrets.get(id),
      behaviour: () => subscriber.behaviour(),
      onNotification: (notification) => subscriber.notifications.push(notification),
    });
  }

  async function subscriber(role: Principal['role'], orgId: string): Promise<Subscriber> {
    const { apiKey, principal } = await new ApiKeysRepository(store).create({ role, orgId, name: orgId });
    const subscriber: Subscriber = {
      principal,
      apiKey,
      id: '',
      secret: '',
      notifications: [],
      receiver: undefined as never,
      behaviour: () => 'accept',
    };
    subscriber.receiver = await receiverFor(subscriber);
    return subscriber;
  }

  async function subscribe(subscriber: Subscriber, filters: Record<string, unknown>, secret?: string): Promise<void> {
    const created = await rest<{ subscriptionID: string; secret?: string }>(
      base,
      'POST',
      '/v2/event-subscriptions',
      subscriber.apiKey,
      { callbackUrl: subscriber.receiver.url, ...filters, ...(secret === undefined ? {} : { secret }) },
    );
    expect(created.status).toBe(201);
    expectSchema('createdSubscription', created.body);
    expect(created.body.secret !== undefined).toBe(secret === undefined);
    subscriber.id = created.body.subscriptionID;
    subscriber.secret = secret ?? created.body.secret!;
    secrets.set(subscriber.id, subscriber.secret);
  }

  const status = async (subscriber: Subscriber) =>
    (await rest<Record<string, unknown>>(base, 'GET', `/v2/event-subscriptions/${subscriber.id}`, subscriber.apiKey))
      .body;

  beforeAll(async () => {
    store = await connectStore(pipeline.config.mongodbUri);
    await pipeline.startWebhooks(OPTIONS);
    base = baseOf(await pipeline.startGateway());
    subscribers.partner = await subscriber('PARTNER', PARTNER);
    subscribers.shipper = await subscriber('SHIPPER', SHIPPER);
    subscribers.flaky = await subscriber('PORT_OFFICE', 'PORT-CQ');
    subscribers.pausing = await subscriber('PARTNER', PARTNER);
    await subscribe(subscribers.partner, {}, generateSecret());
    await subscribe(subscribers.shipper, { eventType: ['EQUIPMENT'], equipmentEventTypeCode: ['LOAD', 'DISC'] });
    await subscribe(subscribers.flaky, { UNLocationCode: 'CNQZH' }, generateSecret());
    await subscribe(subscribers.pausing, { eventType: ['TRANSPORT', 'EQUIPMENT'] });

    // The flaky receiver answers 500 three times, then never answers twice, then is not there for two
    // seconds (connection refused), then accepts.
    let calls = 0;
    subscribers.flaky.behaviour = () => {
      calls += 1;
      if (calls <= 3) {
        return 500;
      }
      if (calls <= 5) {
        return 'hang';
      }
      if (calls === 6) {
        const port = Number(new URL(subscribers.flaky.receiver.url).port);
        void subscribers.flaky.receiver.close().then(async () => {
          await new Promise((resolve) => setTimeout(resolve, 2000));
          subscribers.flaky.behaviour = () => 'accept';
          subscribers.flaky.receiver = await receiverFor(subscribers.flaky, port);
        });
        return 'hang';
      }
      return 'accept';
    };
    subscribers.pausing.behaviour = () => 503;

    firstUpdates = journeyUpdates(roundOne.journeys, roundOne.events, 3, new Date().toISOString());
    await publishUpdates(pipeline, firstUpdates);
  });

  afterAll(async () => {
    await Promise.all(Object.values(subscribers).map((s) => s.receiver?.close()));
    await pipeline.stop(store);
    await store.close();
  });

  it('delivers every event a subscription matches once, signed, in order per container, and no other', async () => {
    const partner = expectedFor(firstUpdates, subscribers.partner.principal, () => true);
    const shipper = expectedFor(
      firstUpdates,
      subscribers.shipper.principal,
      (e) => e.eventType === 'EQUIPMENT' && ['LOAD', 'DISC'].includes(e.equipmentEventTypeCode),
    );
    expect(partner.length).toBeGreaterThan(50);
    expect(shipper.length).toBeGreaterThan(20);
    await waitFor(
      'the partner and the shipper to receive their events',
      () =>
        received(subscribers.partner).size >= partner.length && received(subscribers.shipper).size >= shipper.length,
      90_000,
    );
    for (const [subscriber, expected] of [
      [subscribers.partner, partner],
      [subscribers.shipper, shipper],
    ] as const) {
      expect([...received(subscriber)].sort()).toEqual(expected.map((e) => e.eventID).sort());
      expect(arrivalOrder(subscriber.notifications)).toEqual(publishedOrder(expected));
      expect(subscriber.receiver.refused).toEqual([]);
      for (const { subscriptionId, events } of subscriber.notifications) {
        expect(subscriptionId).toBe(subscriber.id);
        expect(events.length).toBeLessThanOrEqual(OPTIONS.batchSize);
        events.forEach((event) => expectSchema('event', event));
      }
    }
    // The partner's events are all of journeys it is a party to: none of the journeys it is not on.
    const partnerContainers = new Set(
      roundOne.journeys.filter((j) => j.orgIds.includes(PARTNER)).map((j) => j.containerNo),
    );
    const others = roundOne.journeys.filter((j) => !partnerContainers.has(j.containerNo));
    expect(others.length).toBeGreaterThan(10);
    for (const event of subscribers.partner.receiver.seen.values()) {
      expect(partnerContainers.has(containerOf(event))).toBe(true);
    }
  });

  it('gets every event to a receiver that failed for a while (500s, timeouts, refused connections) once it recovers', async () => {
    const flaky = subscribers.flaky;
    const expected = expectedFor(firstUpdates, flaky.principal, (e) => placeOf(e) === 'CNQZH');
    expect(expected.length).toBeGreaterThan(10);
    await waitFor('the flaky receiver to get its events', () => received(flaky).size >= expected.length, 90_000);
    expect([...received(flaky)].sort()).toEqual(expected.map((e) => e.eventID).sort());
    expect(arrivalOrder(flaky.notifications)).toEqual(publishedOrder(expected));

    const attempts = await rest<{ outcome: string; httpStatus?: number; error?: string }[]>(
      base,
      'GET',
      `/v2/event-subscriptions/${flaky.id}/attempts?limit=1000`,
      flaky.apiKey,
    );
    expect(attempts.status).toBe(200);
    attempts.body.forEach((attempt) => expectSchema('attempt', attempt));
    const failed = attempts.body.filter((a) => a.outcome === 'FAILED');
    expect(failed.filter((a) => a.httpStatus === 500)).toHaveLength(3);
    expect(failed.filter((a) => /no answer within 500 ms/.test(a.error ?? '')).length).toBeGreaterThanOrEqual(2);
    expect(failed.some((a) => /ECONNREFUSED/.test(a.error ?? ''))).toBe(true);
    expect(attempts.body[0].outcome).toBe('DELIVERED');
    const state = await status(flaky);
    expect(state).toMatchObject({ status: 'ACTIVE', consecutiveFailures: 0, pendingDeliveries: 0 });
    expectSchema('subscription', state);
  });

  it('pauses a subscription whose receiver keeps failing past the retry window, and resumes it from where it stopped', async () => {
    const pausing = subscribers.pausing;
    await waitFor('the failing subscription to pause', async () => (await status(pausing)).status === 'PAUSED', 60_000);
    const paused = await status(pausing);
    expectSchema('subscription', paused);
    expect(paused.pausedReason).toMatch(/deliveries failing since .* last: HTTP 503/);
    expect(pausing.notifications).toEqual([]);

    // While paused nothing is tried, and new events wait for it.
    const attemptsOf = async () =>
      (await rest<unknown[]>(base, 'GET', `/v2/event-subscriptions/${pausing.id}/attempts?limit=1000`, pausing.apiKey))
        .body.length;
    const triedBefore = await attemptsOf();
    const secondUpdates = journeyUpdates(roundTwo.journeys, roundTwo.events, 2, new Date().toISOString());
    await publishUpdates(pipeline, secondUpdates);
    await pipeline.waitUntilCommittedToEnd('webhooks', [pipeline.topics.name(TOPICS.journeyUpdates)]);
    await new Promise((resolve) => setTimeout(resolve, 4 * OPTIONS.pollMs));
    expect(await attemptsOf()).toBe(triedBefore);
    const wanted = (e: DcsaEvent) => e.eventType !== 'SHIPMENT';
    const expected = [
      ...expectedFor(firstUpdates, pausing.principal, wanted),
      ...expectedFor(secondUpdates, pausing.principal, wanted),
    ];
    expect((await status(pausing)).pendingDeliveries).toBe(expected.length);

    pausing.behaviour = () => 'accept';
    const resumed = await rest<Record<string, unknown>>(
      base,
      'POST',
      `/v2/event-subscriptions/${pausing.id}/resume`,
      pausing.apiKey,
    );
    expect(resumed.status).toBe(200);
    expect(resumed.body).toMatchObject({ status: 'ACTIVE', consecutiveFailures: 0 });
    expect(resumed.body.pausedReason).toBeUndefined();
    await waitFor('the resumed subscription to catch up', () => received(pausing).size >= expected.length, 90_000);
    expect([...received(pausing)].sort()).toEqual(expected.map((e) => e.eventID).sort());
    expect(arrivalOrder(pausing.notifications)).toEqual(publishedOrder(expected));
  });

  it('sends nothing twice when the journey updates are replayed', async () => {
    await waitFor(
      'the partner to have its second round too',
      async () => (await status(subscribers.partner)).pendingDeliveries === 0,
      60_000,
    );
    const before = subscribers.partner.notifications.length;
    await publishUpdates(pipeline, firstUpdates);
    await pipeline.waitUntilCommittedToEnd('webhooks', [pipeline.topics.name(TOPICS.journeyUpdates)]);
    await new Promise((resolve) => setTimeout(resolve, 5 * OPTIONS.pollMs));
    expect(subscribers.partner.notifications.length).toBe(before);
    expect((await status(subscribers.partner)).pendingDeliveries).toBe(0);
  });

  it("keeps each organisation's subscriptions to itself, and applies changes of filters and secret", async () => {
    const { partner, shipper } = subscribers;
    const listed = await rest<{ subscriptionID: string }[]>(base, 'GET', '/v2/event-subscriptions', partner.apiKey);
    expect(listed.status).toBe(200);
    listed.body.forEach((s) => expectSchema('subscription', s));
    expect(listed.body.map((s) => s.subscriptionID).sort()).toEqual([partner.id, subscribers.pausing.id].sort());
    for (const [method, path] of [
      ['GET', ''],
      ['PUT', ''],
      ['DELETE', ''],
      ['POST', '/resume'],
      ['GET', '/attempts'],
    ] as const) {
      const answer = await rest(
        base,
        method,
        `/v2/event-subscriptions/${partner.id}${path}`,
        shipper.apiKey,
        method === 'PUT' ? { callbackUrl: 'http://127.0.0.1:1/' } : undefined,
      );
      expect(answer.status).toBe(404);
      expectSchema('error', answer.body);
    }
    const paged = await rest<unknown[]>(base, 'GET', '/v2/event-subscriptions?limit=1', partner.apiKey);
    expect(paged.body).toHaveLength(1);
    const next = paged.headers.get('Next-Page');
    expect(next).not.toBeNull();
    expect((await rest<unknown[]>(base, 'GET', next!, partner.apiKey)).body).toHaveLength(1);

    await waitFor(
      'the shipper to have every event so far',
      async () => (await status(shipper)).pendingDeliveries === 0,
      60_000,
    );
    // New filter and secret: the next notifications are the shipper's transport arrivals, signed with the new secret.
    const updated = await rest<Record<string, unknown>>(
      base,
      'PUT',
      `/v2/event-subscriptions/${shipper.id}`,
      shipper.apiKey,
      {
        subscriptionID: shipper.id,
        callbackUrl: shipper.receiver.url,
        eventType: ['TRANSPORT'],
        transportEventTypeCode: ['ARRI'],
      },
    );
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ eventType: ['TRANSPORT'], transportEventTypeCode: ['ARRI'] });
    const secret = generateSecret();
    expect(
      (await rest(base, 'PUT', `/v2/event-subscriptions/${shipper.id}/secret`, shipper.apiKey, { secret })).status,
    ).toBe(204);
    secrets.set(shipper.id, secret);
    const seenBefore = received(shipper).size;
    const third = simulatedHistory({ journeys: 30, seed: 33, start: '2026-05-04T08:00:00+08:00' });
    const thirdUpdates = journeyUpdates(third.journeys, third.events, 1, new Date().toISOString());
    await publishUpdates(pipeline, thirdUpdates);
    const expected = expectedFor(
      thirdUpdates,
      shipper.principal,
      (e) => e.eventType === 'TRANSPORT' && e.transportEventTypeCode === 'ARRI',
    );
    expect(expected.length).toBeGreaterThan(0);
    await waitFor('the shipper to get arrivals', () => received(shipper).size >= seenBefore + expected.length, 60_000);
    const fresh = shipper.notifications.flatMap((n) => n.fresh).slice(seenBefore);
    expect(fresh.map((e) => e.eventID).sort()).toEqual(expected.map((e) => e.eventID).sort());
    expect(shipper.receiver.refused).toEqual([]);

    // Removed: gone from the API with its outbox.
    expect((await rest(base, 'DELETE', `/v2/event-subscriptions/${shipper.id}`, shipper.apiKey)).status).toBe(204);
    expect((await rest(base, 'GET', `/v2/event-subscriptions/${shipper.id}`, shipper.apiKey)).status).toBe(404);
    expect(await store.collection('webhook_deliveries').countDocuments({ subscriptionId: shipper.id })).toBe(0);
  });

  it('enqueues the events a batch wrote to the feed but stopped before enqueuing, when the batch is read again', async () => {
    const partner = subscribers.partner;
    const fourth = simulatedHistory({ journeys: 40, seed: 34, start: '2026-05-18T08:00:00+08:00' });
    const updates = journeyUpdates(fourth.journeys, fourth.events, 2, new Date().toISOString());
    // A process that wrote half of these to the feed, then stopped before its outbox write and its commit.
    const crashed = updates.filter((_, i) => i % 2 === 0);
    // Its positions were taken and its events written; its partition's next try (here, this test) ends the
    // allocation.
    const feed = new EventFeedRepository(store);
    const changes = crashed.map((u) => ({ journey: u.journey, added: u.events! }));
    const first = await feed.clock.take('crashed-try', 0, positionsNeeded(changes));
    await feed.insert(changes, '99:0', first);
    await feed.relink(changes);
    await feed.clock.finish('crashed-try', 0);
    const expected = expectedFor(updates, partner.principal, () => true);
    const fromCrashed = expectedFor(crashed, partner.principal, () => true);
    expect(fromCrashed.length).toBeGreaterThan(0);
    const seenBefore = received(partner).size;
    await publishUpdates(pipeline, updates);
    await waitFor('the partner to get the batch', () => received(partner).size >= seenBefore + expected.length, 60_000);
    const fresh = new Set(partner.notifications.flatMap((n) => n.fresh.map((e) => e.eventID)));
    expect(expected.every((e) => fresh.has(e.eventID))).toBe(true);
    expect(received(partner).size).toBe(seenBefore + expected.length);
  });

  it('refuses bad subscription requests with every reason, and requests without a valid key', async () => {
    const { partner } = subscribers;
    const bad = await rest<{ errors: { message: string }[] }>(base, 'POST', '/v2/event-subscriptions', partner.apiKey, {
      callbackUrl: 'not a url',
      eventType: ['TRANSIT'],
      secret: 'c2hvcnQ=',
    });
    expect(bad.status).toBe(400);
    expectSchema('error', bad.body);
    expect(bad.body.errors.map((e) => e.message)).toEqual([
      'callbackUrl: must be an http(s) URL',
      'secret: must decode to 32 to 64 bytes, not 5',
      'eventType: "TRANSIT" is not one of SHIPMENT, TRANSPORT, EQUIPMENT',
    ]);
    const anonymous = await rest(base, 'GET', '/v2/event-subscriptions', undefined);
    expect(anonymous.status).toBe(401);
    expectSchema('error', anonymous.body);
    expect((await rest(base, 'GET', '/v2/event-subscriptions', 'mmt_not-a-key')).status).toBe(401);
    expect(pipeline.fatal).toEqual([]);
  });
});

import { isDeepStrictEqual } from 'node:util';
import type { Client } from 'graphql-ws';
import type { Connection } from 'mongoose';
import { ApiKeysRepository, canSee } from '@mmt/access';
import { StatisticsRepository, storedTotals } from '@mmt/analytics';
import { TOPICS, type AlertChange, type JourneyUpdate, type Notice } from '@mmt/contracts';
import {
  startWebhookReceiver,
  SubscriptionsRepository,
  toDcsaEvent,
  type DcsaEvent,
  type WebhookReceiver,
} from '@mmt/dcsa';
import { simulate } from '@mmt/simulator';
import { connectStore } from '@mmt/store';
import { sendSimulation } from '../apps/simulator/src/send-simulation';
import {
  alertChangeIdentity,
  brokenAlertSequences,
  firstOfEach,
  noticeDeliveries,
  TopicCollector,
} from './support/alert-topics';
import { drainTo } from './support/drain';
import { freePort } from './support/free-port';
import { expectedOutcome } from './support/ground-truth';
import { Collector, waitFor, wsClient } from './support/graphql-client';
import { killNow } from './support/kill-now';
import { allowLocalCallbacks, LOCAL_CALLBACK_HOST } from './support/local-callbacks';
import { baseOf, containerOf, rest } from './support/partner-api';
import { TestPipeline } from './support/pipeline';
import { statisticsOf } from './support/statistics';
import { runServiceProcess, type ServiceProcess } from './support/service-process';

/**
 * Two instances of every service side by side, on the same topics (6 partitions each): one of each in this process
 * and one as its own process, as `npm start` runs a service. Mid-feed, every second instance is killed (SIGKILL, as
 * a crash or the OOM killer would), so that the first takes its partitions over and redoes its batches in flight.
 * The outcome must be what one instance of each gives: the ground-truth journeys, statistics equal to those of the
 * journeys, no alert or notice twice, every webhook event delivered and in order per container (sent again only
 * where the killed instance's POST was in flight). The subscriber on the surviving gateway sees every journey
 * update; the tracking-event stream cut by the killed gateway resumes on the other from its last cursor with no gap
 * and nothing twice.
 */
const CONSUMERS = ['normalizer', 'projector', 'analytics', 'alerts', 'webhooks'] as const;
const STREAM =
  'subscription ($after: String) { trackingEvents(after: $after) { cursor containerNo event { eventId } } }';
type StreamItem = { trackingEvents: { cursor: string; containerNo: string; event: { eventId: string } } };

/** `<container> <eventId>` keys grouped by container, each container's in the order given. */
function perContainer(keys: readonly string[]): Record<string, string[]> {
  const grouped: Record<string, string[]> = {};
  for (const key of keys) {
    (grouped[key.split(' ')[0]] ??= []).push(key);
  }
  return grouped;
}
const PARTNER = 'org-de-rheinruhr';

describe('Two instances of every service, one of each killed mid-feed (real Kafka, real store)', () => {
  const pipeline = new TestPipeline('multi');
  let store: Connection;
  let seconds: ServiceProcess[] = [];
  let secondGateway: ServiceProcess;
  let receiver: WebhookReceiver;
  let clients: Client[] = [];
  let topics: TopicCollector;

  afterAll(async () => {
    clients.forEach((client) => void client.dispose());
    await Promise.all([...seconds, secondGateway].map((service) => service?.stop()));
    await receiver?.close();
    await topics?.stop();
    await pipeline.stop(store);
    await store?.close();
  });

  it(
    'gives the same journeys, exact statistics, each alert and notice once, every webhook event in order, every update on both gateways',
    async () => {
      store = await connectStore(pipeline.config.mongodbUri);
      const callbacks = allowLocalCallbacks();
      const env = {
        KAFKA_BROKERS: pipeline.config.kafkaBrokers.join(','),
        MONGODB_URI: pipeline.config.mongodbUri,
        MMT_NAMESPACE: pipeline.config.namespace,
        WEBHOOK_ALLOWED_HOSTS: LOCAL_CALLBACK_HOST,
      };
      await pipeline.start();
      await pipeline.startAnalytics();
      await pipeline.startAlerts();
      await pipeline.startWebhooks({ callbacks });
      const firstGateway = await pipeline.startGateway();
      seconds = CONSUMERS.map((service) => runServiceProcess(service, env));
      const gatewayPort = await freePort();
      secondGateway = runServiceProcess('gateway', { ...env, GATEWAY_PORT: String(gatewayPort) });
      await Promise.all([...seconds, secondGateway].map((service) => service.opsUrl()));
      const gatewayUrls = [firstGateway, `http://127.0.0.1:${gatewayPort}/graphql`];

      // A port office subscriber on each gateway, and a partner's webhook.
      const keys = new ApiKeysRepository(store);
      const port = (await keys.create({ role: 'PORT_OFFICE', orgId: 'PORT-CQ', name: 'Port office' })).apiKey;
      const { apiKey: partner, principal: partnerPrincipal } = await keys.create({
        role: 'PARTNER',
        orgId: PARTNER,
        name: PARTNER,
      });
      clients = gatewayUrls.map((url) => wsClient(url, port));
      const subscriber = new Collector<{ journeyUpdated: { journey: { journeyId: string; version: string } } }>(
        clients[0],
        'subscription { journeyUpdated { journey { journeyId version } } }',
      );
      const streamed = new Collector<StreamItem>(clients[1], STREAM);
      const arrivals: { events: readonly DcsaEvent[]; fresh: readonly DcsaEvent[]; receivedAt: number }[] = [];
      const secrets = new Map<string, string>();
      receiver = await startWebhookReceiver({
        port: 0,
        host: LOCAL_CALLBACK_HOST,
        secretOf: (id) => secrets.get(id),
        onNotification: (notification) => arrivals.push(notification),
      });
      const created = await rest<{ subscriptionID: string; secret: string }>(
        baseOf(firstGateway),
        'POST',
        '/v2/event-subscriptions',
        partner,
        { callbackUrl: receiver.url },
      );
      expect(created.status).toBe(201);
      secrets.set(created.body.subscriptionID, created.body.secret);
      topics = new TopicCollector(pipeline.kafka, `${pipeline.config.namespace}multi-reader`, [
        pipeline.topics.name(TOPICS.journeyUpdates),
        pipeline.topics.name(TOPICS.alerts),
        pipeline.topics.name(TOPICS.notices),
      ]);
      await topics.start();

      const simulation = simulate({
        journeys: 60,
        seed: 26,
        start: '2026-04-01T08:00:00+08:00',
        shuffle: 0.2,
        duplicates: 0.1,
        lateManifests: 0.3,
        conveyanceReports: true,
        invalid: 0.02,
      });
      const expected = expectedOutcome(simulation.validMessages);
      const third = Math.floor(simulation.messages.length / 3);
      await sendSimulation(pipeline.kafka, pipeline.topics, simulation.messages.slice(0, third), { rate: 0 });
      await sendSimulation(pipeline.kafka, pipeline.topics, simulation.messages.slice(third, 2 * third), { rate: 0 });
      // Each second instance has had partitions and work by now; each dies with its batches in flight.
      await waitFor('events streamed by the second gateway', () => streamed.items.length > 0);
      await Promise.all([...seconds, secondGateway].map((service) => killNow(service.child)));
      // Who may deliver the partner's subscription (one process at a time) when the second instances are gone.
      const subscriptions = new SubscriptionsRepository(store);
      const leaseAtKill = (await subscriptions.get(created.body.subscriptionID))?.lease;
      // The stream cut by the kill goes on from the last cursor its client had, on the gateway left.
      const before = streamed.items.map((i) => i.trackingEvents);
      clients.push(wsClient(firstGateway, port));
      const resumed = new Collector<StreamItem>(clients[2], STREAM, { after: before.at(-1)!.cursor });
      await sendSimulation(pipeline.kafka, pipeline.topics, simulation.messages.slice(2 * third), { rate: 0 });

      const journeys = await drainTo(store, expected, 5 * 60_000, 'multi');
      expect(journeys).toEqual(expected.journeys);
      for (const group of ['analytics', 'alerts', 'webhooks']) {
        await pipeline.waitUntilCommittedToEnd(group, [pipeline.topics.name(TOPICS.journeyUpdates)]);
      }

      // Statistics: exactly those of the journeys, though batches were redone by the instance that took over.
      const statistics = new StatisticsRepository(store);
      await waitFor('the statistics of the journeys', async () =>
        isDeepStrictEqual(await storedTotals(statistics), statisticsOf(journeys)),
      );

      // No alert raised twice in a row, no notice sent twice to a party, as a receiver sees them: a copy of a
      // message (the same identity) is dropped. Copies come from the killed instances' sends in flight, and from
      // an undeclared load judged by batches of two containers of its conveyance at once (alerts-bookkeeping).
      const alerts = await topics.toEnd<AlertChange>(pipeline.topics.name(TOPICS.alerts));
      expect(alerts.length).toBeGreaterThan(0);
      expect(brokenAlertSequences(firstOfEach(alerts, alertChangeIdentity))).toEqual({});
      const notices = await topics.toEnd<Notice>(pipeline.topics.name(TOPICS.notices));
      expect([...noticeDeliveries(notices)].filter(([, sends]) => sends !== 1)).toEqual([]);

      // Every update on the topic reached the subscriber on the surviving gateway.
      const updates = await topics.toEnd<JourneyUpdate>(pipeline.topics.name(TOPICS.journeyUpdates));
      const published = new Set(updates.map((u) => `${u.journey.journeyId}@${u.journey.version}`));
      await waitFor('every journey update on the surviving gateway', () => {
        const seen = new Set(
          subscriber.items.map((i) => `${i.journeyUpdated.journey.journeyId}@${i.journeyUpdated.journey.version}`),
        );
        return [...published].every((update) => seen.has(update));
      });
      expect(subscriber.errors).toEqual([]);

      // The stream, before the kill and resumed after it: every event of every update once, in topic order.
      expect(updates.filter((u) => u.events === undefined)).toEqual([]);
      const expectedStream = updates.flatMap((u) => u.events!.map((e) => `${e.containerNo} ${e.eventId}`));
      const streamedKeys = () =>
        [...before, ...resumed.items.map((i) => i.trackingEvents)].map((e) => `${e.containerNo} ${e.event.eventId}`);
      await waitFor('the resumed stream to catch up', () => streamedKeys().length >= expectedStream.length);
      await new Promise((resolve) => setTimeout(resolve, 2000));
      expect(resumed.errors).toEqual([]);
      expect(perContainer(streamedKeys())).toEqual(perContainer(expectedStream));

      // The partner's webhook: each event once, and each container's events in the order the platform accepted them.
      const partnerEvents = new Set(
        updates.flatMap((u) =>
          canSee(partnerPrincipal, u.journey) ? (u.events ?? []).flatMap((e) => toDcsaEvent(e)?.eventID ?? []) : [],
        ),
      );
      expect(partnerEvents.size).toBeGreaterThan(0);
      await waitFor(
        'the webhook deliveries',
        () => [...partnerEvents].every((id) => receiver.seen.has(id)),
        120_000,
      ).catch((error: Error) => {
        const missing = [...partnerEvents].filter((id) => !receiver.seen.has(id));
        throw new Error(`${error.message}: ${missing.length} of ${partnerEvents.size} never delivered`);
      });
      // Each event once, but for those whose POST the killed instance had made when it died: not knowing whether
      // the receiver had them, the survivor sends them again (at least once; a DCSA receiver drops a repeat by eventID).
      // The survivor may deliver only once the killed instance's lease has run out, so an event that first arrived
      // before then came from the killed instance when it held the lease (its POST may reach the receiver after the
      // kill: the request was written before it).
      const leaseNow = (await subscriptions.get(created.body.subscriptionID))?.lease;
      const killedHeldLease = leaseAtKill !== undefined && leaseAtKill.owner !== leaseNow?.owner;
      const sentByKilled = (receivedAt: number) => killedHeldLease && receivedAt < leaseAtKill.until.getTime();
      const firstArrival = new Map<string, number>();
      const repeatedBySurvivor = new Set<string>();
      for (const arrival of arrivals) {
        for (const event of arrival.events) {
          const first = firstArrival.get(event.eventID);
          if (first === undefined) {
            firstArrival.set(event.eventID, arrival.receivedAt);
          } else if (!sentByKilled(first)) {
            repeatedBySurvivor.add(event.eventID);
          }
        }
      }
      const copies = arrivals.flatMap((a) => a.events).length - firstArrival.size;
      console.log(
        `multi: ${firstArrival.size} webhook events, ${copies} sent again after the kill (lease held by the killed instance: ${killedHeldLease})`,
      );
      expect({ repeatedBySurvivor: [...repeatedBySurvivor], refused: receiver.refused }).toEqual({
        repeatedBySurvivor: [],
        refused: [],
      });
      // Each container's events, as the receiver first had them, in the order the platform accepted them.
      const delivered = arrivals.flatMap((a) => a.fresh);
      const lastAccepted = new Map<string, number>();
      const outOfOrder = new Set<string>();
      for (const event of delivered) {
        const container = containerOf(event);
        const accepted = Date.parse(event.eventCreatedDateTime);
        if (accepted < (lastAccepted.get(container) ?? 0)) {
          outOfOrder.add(container);
        }
        lastAccepted.set(container, accepted);
      }
      expect([...outOfOrder]).toEqual([]);
    },
    10 * 60_000,
  );
});

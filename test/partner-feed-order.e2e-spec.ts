import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Connection } from 'mongoose';
import { ApiKeysRepository } from '@mmt/access';
import { RAW_TOPICS, TOPICS, type TrackingEvent } from '@mmt/contracts';
import { dcsaEventId, EventFeedRepository, toDcsaEvent, type DcsaEvent } from '@mmt/dcsa';
import { simulate } from '@mmt/simulator';
import { connectStore } from '@mmt/store';
import { sendSimulation } from '../apps/simulator/src/send-simulation';
import { readTopicToEnd } from './support/dead-letters';
import { drainTo } from './support/drain';
import { expectedOutcome } from './support/ground-truth';
import { Collector, waitFor, wsClient } from './support/graphql-client';
import { allowLocalCallbacks } from './support/local-callbacks';
import { baseOf, rest } from './support/partner-api';
import { TestPipeline } from './support/pipeline';

const POLL_MS = 200;
const DRAIN_TIMEOUT_MS = 6 * 60_000;
const STREAM_FIELDS = 'trackingEvents(after: $after) { cursor containerNo event { eventId } }';

type Streamed = { trackingEvents: { cursor: string; containerNo: string; event: { eventId: string } } };
type Updated = { journeyUpdated: { journey: { containerNo: string }; causedBy: string[] } };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A partner that polls `GET /v2/events` every 200 ms, as DCSA describes or with the feed's links. */
class Poller {
  /** Every event it received, in order, repeats included. */
  readonly received: DcsaEvent[] = [];
  private running = true;
  private done: Promise<void> = Promise.resolve();

  constructor(
    private readonly base: string,
    private readonly apiKey: string,
    private readonly way: 'links' | 'eventCreatedDateTime',
  ) {}

  start(): void {
    this.done = this.loop();
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.done;
  }

  private async loop(): Promise<void> {
    let link = '/v2/events?limit=100';
    while (this.running) {
      const page = await rest<DcsaEvent[]>(
        this.base,
        'GET',
        this.way === 'links' ? link : this.sinceLastSeen(),
        this.apiKey,
      );
      expect(page.status).toBe(200);
      this.received.push(...page.body);
      const next = page.headers.get('Next-Page');
      if (this.way === 'links') {
        // Next-Page while there is more; at the end of the feed, Poll-Page is where the next events will be.
        link = next ?? page.headers.get('Poll-Page')!;
        expect(link).toBeTruthy();
      }
      if (next === null) {
        await sleep(POLL_MS);
      }
    }
  }

  /** DCSA's way: everything created at or after the newest event seen; that event comes again and is dropped. */
  private sinceLastSeen(): string {
    const last = this.received.at(-1);
    return last === undefined
      ? '/v2/events?limit=100'
      : `/v2/events?limit=100&eventCreatedDateTime:gte=${encodeURIComponent(last.eventCreatedDateTime)}`;
  }

  /** The events it kept: a partner polling with :gte drops the one event it asked for again each time. */
  kept(): DcsaEvent[] {
    if (this.way === 'links') {
      return this.received;
    }
    const seen = new Set<string>();
    return this.received.filter((event) => !seen.has(event.eventID) && seen.add(event.eventID));
  }
}

/** A webhook receiver on 127.0.0.1 that keeps every event in the order notifications arrive. */
async function startReceiver(): Promise<{ server: Server; url: string; events: DcsaEvent[] }> {
  const events: DcsaEvent[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      events.push(...(JSON.parse(Buffer.concat(chunks).toString('utf8')) as DcsaEvent[]));
      res.statusCode = 204;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/tnt`, events };
}

/**
 * Each container's events in the order the platform accepted them: the canonical topic's order, read from its start
 * to its end offsets (a container's events share a partition, so partition order is the container's order).
 */
async function acceptedOrder(pipeline: TestPipeline): Promise<Map<string, TrackingEvent[]>> {
  await pipeline.waitUntilCommittedToEnd(
    'normalizer',
    RAW_TOPICS.map((t) => pipeline.topics.name(t)),
  );
  const byContainer = new Map<string, TrackingEvent[]>();
  const seen = new Set<string>();
  for (const event of await readTopicToEnd<TrackingEvent>(pipeline, pipeline.topics.name(TOPICS.trackingEvents))) {
    if (!seen.has(event.eventId)) {
      seen.add(event.eventId);
      byContainer.set(event.containerNo, [...(byContainer.get(event.containerNo) ?? []), event]);
    }
  }
  return byContainer;
}

/** Per container, the ids a channel delivered (first copy of each), in the order delivered. */
function perContainer(items: readonly { containerNo: string; id: string }[]): Map<string, string[]> {
  const lists = new Map<string, string[]>();
  const seen = new Set<string>();
  for (const { containerNo, id } of items) {
    if (!seen.has(id)) {
      seen.add(id);
      lists.set(containerNo, [...(lists.get(containerNo) ?? []), id]);
    }
  }
  return lists;
}

/**
 * Partners polling and subscribing while late, shuffled and duplicated traffic flows through the whole pipeline
 * (raw topics, normalizer, projector, webhooks service, gateway), in three bursts. A partner that polls as DCSA
 * says, or follows the feed's links, gets every event exactly once; every channel delivers each container's
 * events in the order the platform accepted them (the order of the canonical topic).
 */
describe('partner feed: polling never misses, every channel keeps each container in order', () => {
  const pipeline = new TestPipeline('partner-feed-order');
  const callbacks = allowLocalCallbacks();
  let store: Connection;
  let base: string;
  let graphql: string;
  let portKey: string;
  const simulation = simulate({
    journeys: 60,
    seed: 23,
    start: '2026-02-02T08:00:00+08:00',
    shuffle: 0.3,
    duplicates: 0.15,
    lateManifests: 0.4,
    conveyanceReports: true,
    invalid: 0,
  });
  const outcome = expectedOutcome(simulation.validMessages);
  const expectedIds = outcome.journeys
    .flatMap((journey) => journey.eventIds.map((id) => outcome.events.get(id)!))
    .flatMap((source) => toDcsaEvent(source)?.eventID ?? [])
    .sort();
  const pollers: Poller[] = [];
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let streamed: Collector<Streamed>;
  let interrupted: Collector<Streamed>;
  let resumed: Collector<Streamed>;
  let updated: Collector<Updated>;

  beforeAll(
    async () => {
      store = await connectStore(pipeline.config.mongodbUri);
      portKey = (await new ApiKeysRepository(store).create({ role: 'PORT_OFFICE', orgId: 'PORT-CQ', name: 'port' }))
        .apiKey;
      await pipeline.start();
      await pipeline.startWebhooks({ callbacks, timeoutMs: 2000 });
      graphql = await pipeline.startGateway();
      base = baseOf(graphql);
      receiver = await startReceiver();
      const created = await rest(base, 'POST', '/v2/event-subscriptions', portKey, { callbackUrl: receiver.url });
      expect(created.status).toBe(201);
      const client = wsClient(graphql, portKey);
      streamed = new Collector<Streamed>(client, `subscription ($after: String) { ${STREAM_FIELDS} }`);
      interrupted = new Collector<Streamed>(
        wsClient(graphql, portKey),
        `subscription ($after: String) { ${STREAM_FIELDS} }`,
      );
      updated = new Collector<Updated>(client, 'subscription { journeyUpdated { journey { containerNo } causedBy } }');
      // A key each, as two partners would have: each polls well within the gateway's rate limit per key.
      const pollerKey = async (name: string) =>
        (await new ApiKeysRepository(store).create({ role: 'PORT_OFFICE', orgId: 'PORT-CQ', name })).apiKey;
      pollers.push(
        new Poller(base, await pollerKey('poller by links'), 'links'),
        new Poller(base, await pollerKey('poller by time'), 'eventCreatedDateTime'),
      );
      pollers.forEach((poller) => poller.start());

      // Three bursts, the pollers reading all along; the second stream is cut in the middle and resumed.
      const third = Math.ceil(simulation.messages.length / 3);
      for (let burst = 0; burst < 3; burst += 1) {
        await sendSimulation(
          pipeline.kafka,
          pipeline.topics,
          simulation.messages.slice(burst * third, (burst + 1) * third),
          {
            rate: 600,
          },
        );
        if (burst === 0) {
          await waitFor('the stream to start', () => interrupted.items.length > 20, 60_000);
          interrupted.stop();
        }
        await sleep(1000);
      }
      const after = interrupted.items.at(-1)!.trackingEvents.cursor;
      resumed = new Collector<Streamed>(
        wsClient(graphql, portKey),
        `subscription ($after: String) { ${STREAM_FIELDS} }`,
        {
          after,
        },
      );
      await drainTo(store, outcome, DRAIN_TIMEOUT_MS, 'partner-feed-order');
      await pipeline.waitUntilCommittedToEnd('webhooks', [pipeline.topics.name(TOPICS.journeyUpdates)]);
      const feed = new EventFeedRepository(store);
      await waitFor('the feed to hold every event', async () => (await feed.count()) >= expectedIds.length, 60_000);
      await waitFor(
        'the pollers to reach the end',
        () => pollers.every((poller) => new Set(poller.kept().map((e) => e.eventID)).size >= expectedIds.length),
        60_000,
      );
      await waitFor(
        'the receiver to get every event',
        () => new Set(receiver.events.map((e) => e.eventID)).size >= expectedIds.length,
        60_000,
      );
      await sleep(3 * POLL_MS);
      await Promise.all(pollers.map((poller) => poller.stop()));
    },
    DRAIN_TIMEOUT_MS + 4 * 60_000,
  );

  afterAll(async () => {
    await Promise.all(pollers.map((poller) => poller.stop()));
    [streamed, interrupted, resumed, updated].forEach((collector) => collector?.stop());
    await new Promise((resolve) => receiver?.server.close(resolve));
    await pipeline.stop(store);
    await store.close();
  });

  it('gets every event exactly once to a partner polling every 200 ms, with the links or with eventCreatedDateTime:gte', () => {
    expect(expectedIds.length).toBeGreaterThan(1000);
    for (const poller of pollers) {
      const kept = poller.kept();
      expect(kept.map((e) => e.eventID).sort()).toEqual(expectedIds);
      const times = kept.map((e) => e.eventCreatedDateTime);
      expect(times.every((time, i) => i === 0 || times[i - 1] < time)).toBe(true);
    }
    // Following the links, not even a repeat; with :gte, only the one event asked for again on each poll.
    expect(pollers[0].received).toHaveLength(expectedIds.length);
    expect(pipeline.fatal).toEqual([]);
  });

  it("delivers each container's events in the order accepted, on the events API, webhooks, trackingEvents (resumed too) and journeyUpdated", async () => {
    const accepted = await acceptedOrder(pipeline);
    const dcsaToCanonical = new Map(
      [...accepted.values()].flat().map((event) => [dcsaEventId(event.containerNo, event), event]),
    );
    const fromDcsa = (events: readonly DcsaEvent[]) =>
      events.map((event) => {
        const canonical = dcsaToCanonical.get(event.eventID)!;
        return { containerNo: canonical.containerNo, id: canonical.eventId };
      });
    const fromStream = (items: readonly Streamed[]) =>
      items.map(({ trackingEvents: e }) => ({ containerNo: e.containerNo, id: e.event.eventId }));
    const channels = {
      eventsApi: perContainer(fromDcsa(pollers[0].received)),
      webhooks: perContainer(fromDcsa(receiver.events)),
      trackingEvents: perContainer(fromStream(streamed.items)),
      resumedTrackingEvents: perContainer(fromStream([...interrupted.items, ...resumed.items])),
      journeyUpdated: perContainer(
        updated.items.flatMap(({ journeyUpdated: u }) =>
          u.causedBy.map((id) => ({ containerNo: u.journey.containerNo, id })),
        ),
      ),
    };
    for (const [channel, lists] of Object.entries(channels)) {
      expect([channel, lists.size]).toEqual([channel, accepted.size]);
      const outOfOrder = [...lists].filter(([containerNo, ids]) => {
        const delivered = new Set(ids);
        const order = accepted.get(containerNo)!.map((event) => event.eventId);
        return JSON.stringify(order.filter((id) => delivered.has(id))) !== JSON.stringify(ids);
      });
      expect([channel, outOfOrder.map(([containerNo]) => containerNo)]).toEqual([channel, []]);
    }
    expect(dcsaToCanonical.size).toBeGreaterThan(expectedIds.length - 1);
  });
});

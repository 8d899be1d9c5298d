import { readFileSync } from 'node:fs';
import { buildClientSchema, buildSchema, getIntrospectionQuery, printSchema, type IntrospectionQuery } from 'graphql';
import type { Client } from 'graphql-ws';
import WebSocket from 'ws';
import type { Connection } from 'mongoose';
import { ApiKeysRepository } from '@mmt/access';
import { TOPICS, type Journey, type JourneyUpdate } from '@mmt/contracts';
import { simulate, type Simulation } from '@mmt/simulator';
import { connectStore, EventLogRepository, JourneysRepository } from '@mmt/store';
import { SCHEMA_FILE } from '../apps/gateway/src/gateway.module';
import { sendSimulation } from '../apps/simulator/src/send-simulation';
import { closeCodeOf, Collector, query, waitFor, wsClient } from './support/graphql-client';
import { coldChainFirst } from './support/ground-truth';
import { publishUpdates } from './support/partner-api';
import { TestPipeline } from './support/pipeline';

const PARTNER_ORG = 'org-de-rheinruhr';
const UPDATE_FIELDS = 'journeyUpdated { journey { journeyId containerNo version } causedBy }';
const EVENT_FIELDS = 'trackingEvents(after: $after) { cursor containerNo journeyId event { eventId } }';

type UpdateItem = { journeyUpdated: { journey: { journeyId: string; containerNo: string; version: string } } };
type EventItem = { trackingEvents: { cursor: string; containerNo: string; event: { eventId: string } } };

/**
 * The trackingEvents burst: 10,000 events, about 8.6 MB as the subscribers below ask for them, of which the kernel's
 * socket buffers hold some 4 MB before the gateway's queue for a subscriber that stops reading grows past 1,000. A
 * hundred in each update, as a backlog's updates carry a container's history: a fetched batch of them holds more
 * than 1,000 events, which cut the fast subscriber off too while the gateway handed a batch out in one go.
 */
const EVENT_BURST = 10_000;
const EVENTS_PER_UPDATE = 100;

/** A live subscription whose slow subscriber is cut off: its document, the burst of updates it gets, and why. */
interface SlowCase {
  readonly subscription: string;
  readonly query: string;
  readonly burst: (stored: Journey[]) => Promise<JourneyUpdate[]>;
  /** How many items a subscriber receives for these updates. */
  readonly items: (updates: readonly JourneyUpdate[]) => number;
  readonly reason: string;
}

/** Every update the projector published, in partition order, read straight from the topic. */
async function publishedUpdates(pipeline: TestPipeline): Promise<JourneyUpdate[]> {
  const admin = pipeline.kafka.admin();
  await admin.connect();
  const topic = pipeline.topics.name(TOPICS.journeyUpdates);
  const total = (await admin.fetchTopicOffsets(topic)).reduce((sum, p) => sum + Number(p.high) - Number(p.low), 0);
  await admin.disconnect();
  const updates: JourneyUpdate[] = [];
  const consumer = pipeline.kafka.consumer({ groupId: `${pipeline.config.namespace}reference` });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message }) => {
      updates.push(JSON.parse(message.value!.toString('utf8')) as JourneyUpdate);
      await Promise.resolve();
    },
  });
  await waitFor('the reference reader', () => updates.length >= total);
  await consumer.disconnect();
  return updates;
}

/** Waits until a count has not changed for two seconds. */
async function untilSettled(count: () => number): Promise<void> {
  let last = -1;
  while (count() !== last) {
    last = count();
    await new Promise((resolve) => setTimeout(resolve, 2000));
  }
}

function perContainer(ids: { containerNo: string; id: string }[]): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const { containerNo, id } of ids) {
    map.set(containerNo, [...(map.get(containerNo) ?? []), id]);
  }
  return map;
}

describe('GraphQL gateway end to end (real Kafka, real store, graphql-ws)', () => {
  const pipeline = new TestPipeline('gateway');
  let store: Connection;
  let simulation: Simulation;
  let urls: string[];
  let portKey: string;
  let partnerKey: string;
  const clients: Client[] = [];
  let all1: Collector<UpdateItem>;
  let all2: Collector<UpdateItem>;
  let partner: Collector<UpdateItem>;
  let events: Collector<EventItem>;
  let interrupted: Collector<EventItem>;
  let reference: JourneyUpdate[];

  const client = (url: string, key?: string) => {
    const c = wsClient(url, key);
    clients.push(c);
    return c;
  };

  beforeAll(async () => {
    store = await connectStore(pipeline.config.mongodbUri);
    const keys = new ApiKeysRepository(store);
    portKey = (await keys.create({ role: 'PORT_OFFICE', orgId: 'PORT-CQ', name: 'Port office' })).apiKey;
    partnerKey = (await keys.create({ role: 'PARTNER', orgId: PARTNER_ORG, name: 'Rhein-Ruhr' })).apiKey;
    await pipeline.start();
    urls = [await pipeline.startGateway(), await pipeline.startGateway()];

    all1 = new Collector(client(urls[0], portKey), `subscription { ${UPDATE_FIELDS} }`);
    all2 = new Collector(client(urls[1], portKey), `subscription { ${UPDATE_FIELDS} }`);
    partner = new Collector(client(urls[0], partnerKey), `subscription { ${UPDATE_FIELDS} }`);
    const streamQuery = `subscription ($after: String) { ${EVENT_FIELDS} }`;
    events = new Collector(client(urls[0], portKey), streamQuery);
    interrupted = new Collector(client(urls[1], portKey), streamQuery);
    await new Promise((resolve) => setTimeout(resolve, 3000)); // the stream consumers join their groups

    simulation = simulate({
      journeys: 90,
      seed: 5,
      start: '2026-04-01T08:00:00+08:00',
      shuffle: 0.2,
      duplicates: 0.1,
      lateManifests: 0.3,
      conveyanceReports: true,
      invalid: 0,
    });
    await sendSimulation(pipeline.kafka, pipeline.topics, simulation.messages.slice(0, 400), { rate: 0 });
    await waitFor('the interrupted stream to see 30 events', () => interrupted.items.length >= 30);
    interrupted.stop();
    await sendSimulation(pipeline.kafka, pipeline.topics, simulation.messages.slice(400), { rate: 0 });

    const journeys = new JourneysRepository(store);
    let last = -1;
    await waitFor(
      'the pipeline to drain',
      async () => {
        const count = (await journeys.all()).length;
        const settled = count === last && count >= 90;
        last = count;
        await new Promise((resolve) => setTimeout(resolve, 4000));
        return settled;
      },
      8 * 60_000,
    );
    reference = await publishedUpdates(pipeline);
    await waitFor(
      'both gateways to deliver every update',
      () => all1.items.length >= reference.length && all2.items.length >= reference.length,
    );
  }, 10 * 60_000);

  afterAll(async () => {
    clients.forEach((c) => void c.dispose());
    await pipeline.stop(store);
    await store.close();
  });

  it('refuses a graphql-ws connection without a valid key (4403), and an HTTP request without one', async () => {
    expect(await closeCodeOf(urls[0])).toBe(4403);
    expect(await closeCodeOf(urls[0], 'mmt_00000000_' + 'A'.repeat(43))).toBe(4403);
    const result = await query(urls[0], undefined, '{ journeys { nodes { journeyId } } }');
    expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('checks the key again on every subscribe: a key revoked mid-connection gets no new subscription', async () => {
    const keys = new ApiKeysRepository(store);
    const { apiKey, principal } = await keys.create({
      role: 'SHIPPER',
      orgId: 'org-cq-electronics',
      name: 'Soon revoked',
    });
    const connection = client(urls[0], apiKey);
    const connected = new Promise((resolve) => connection.on('connected', resolve));
    const before = new Collector<UpdateItem>(connection, `subscription { ${UPDATE_FIELDS} }`);
    await connected;
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(before.errors).toEqual([]);
    await keys.revoke(principal.keyId);
    const after = new Collector<UpdateItem>(connection, `subscription { ${UPDATE_FIELDS} }`);
    await waitFor('the subscription after revocation to be refused', () => after.errors.length > 0, 10_000);
    expect(JSON.stringify(after.errors)).toContain('API key not recognised or revoked');
    before.stop();
  });

  it('bounds each connection: subscriptions at once, time to initialise, request size', async () => {
    const busy = client(urls[0], portKey);
    const many = Array.from({ length: 21 }, () => new Collector<UpdateItem>(busy, `subscription { ${UPDATE_FIELDS} }`));
    await waitFor('the 21st subscription to be refused', () => many[20].errors.length > 0, 10_000);
    expect(JSON.stringify(many[20].errors)).toContain('This connection already has 20 subscriptions; the limit is 20');
    many.forEach((c) => c.stop());

    const silent = new WebSocket(urls[0].replace(/^http/, 'ws'), 'graphql-transport-ws');
    const closed = await new Promise<{ code: number; reason: string }>((resolve) =>
      silent.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
    );
    expect(closed).toEqual({ code: 4408, reason: 'Connection initialisation timeout' });

    const big = await fetch(urls[0], {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': portKey },
      body: JSON.stringify({ query: `{ journeys { endCursor } } # ${'x'.repeat(70_000)}` }),
    });
    expect(big.status).toBe(413);
  });

  it('serves exactly the committed schema (apps/gateway/src/schema.graphql)', async () => {
    const result = await query<IntrospectionQuery>(urls[0], portKey, getIntrospectionQuery());
    const served = printSchema(buildClientSchema(result.data!));
    expect(served).toBe(printSchema(buildSchema(readFileSync(SCHEMA_FILE, 'utf8'))));
  });

  it('delivers every update to subscribers of each of two gateway instances, in the order published', () => {
    const expected = reference.map((u) => `${u.journey.journeyId}@${u.journey.version}`);
    for (const collector of [all1, all2]) {
      const got = collector.items.map(
        (i) => `${i.journeyUpdated.journey.journeyId}@${i.journeyUpdated.journey.version}`,
      );
      expect(got.length).toBe(expected.length);
      expect(new Set(got)).toEqual(new Set(expected));
      const byContainer = (list: { containerNo: string; id: string }[]) => perContainer(list);
      expect(
        byContainer(
          collector.items.map((i) => ({
            containerNo: i.journeyUpdated.journey.containerNo,
            id: i.journeyUpdated.journey.version,
          })),
        ),
      ).toEqual(byContainer(reference.map((u) => ({ containerNo: u.journey.containerNo, id: u.journey.version }))));
    }
  });

  it("never shows a partner another organisation's journey, on subscriptions or queries", async () => {
    const own = reference.filter((u) => u.journey.orgIds.includes(PARTNER_ORG));
    expect(own.length).toBeGreaterThan(0);
    await waitFor('the partner subscriber to catch up', () => partner.items.length >= own.length, 30_000).catch(
      () => undefined,
    );
    expect(partner.items.length).toBe(own.length);
    const journeys = await new JourneysRepository(store).all();
    const containers = [...new Set(journeys.map((j) => j.containerNo))];
    for (const containerNo of containers.slice(0, 60)) {
      const visible = journeys.some((j) => j.containerNo === containerNo && j.orgIds.includes(PARTNER_ORG));
      const result = await query<{ journey: { journeyId: string } }>(
        urls[1],
        partnerKey,
        'query ($c: ContainerNumber!) { journey(containerNo: $c) { journeyId } }',
        { c: containerNo },
      );
      expect({ containerNo, visible: result.data?.journey !== undefined && result.data?.journey !== null }).toEqual({
        containerNo,
        visible,
      });
      if (!visible) {
        expect(result.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      }
    }
    const listed = await query<{ journeys: { nodes: { journeyId: string }[] } }>(
      urls[1],
      partnerKey,
      '{ journeys(first: 100) { nodes { journeyId } } }',
    );
    const ownIds = journeys
      .filter((j) => j.orgIds.includes(PARTNER_ORG))
      .map((j) => j.journeyId)
      .sort();
    expect(listed.data?.journeys.nodes.map((n) => n.journeyId).sort()).toEqual(ownIds);
  });

  it('resumes a tracking-event stream from its last cursor with no gap and nothing twice', async () => {
    await untilSettled(() => events.items.length);
    const all = events.items.map((i) => i.trackingEvents);
    const firstPart = interrupted.items.map((i) => i.trackingEvents);
    const resumed = new Collector<EventItem>(
      client(urls[1], portKey),
      `subscription ($after: String) { ${EVENT_FIELDS} }`,
      {
        after: firstPart.at(-1)!.cursor,
      },
    );
    await waitFor(
      'the resumed stream to catch up',
      () => firstPart.length + resumed.items.length >= all.length,
      30_000,
    ).catch((error: Error) => {
      throw new Error(
        `${error.message}: ${firstPart.length} + ${resumed.items.length} of ${all.length}; errors ${JSON.stringify(resumed.errors)}`,
      );
    });
    await new Promise((resolve) => setTimeout(resolve, 2000));
    resumed.stop();
    const joined = [...firstPart, ...resumed.items.map((i) => i.trackingEvents)];
    const ids = joined.map((e) => e.event.eventId);
    expect(ids.length).toBe(all.length);
    expect(new Set(ids).size).toBe(ids.length);
    const asPairs = (list: typeof all) =>
      perContainer(list.map((e) => ({ containerNo: e.containerNo, id: e.event.eventId })));
    expect(asPairs(joined)).toEqual(asPairs(all));
  });

  it('answers queries precisely: a journey, pages, a timeline, and clear errors', async () => {
    const stored = await new JourneysRepository(store).all();
    const sample = stored[0];
    const one = await query<{ journey: { journeyId: string; milestones: { eventId: string }[] } }>(
      urls[0],
      portKey,
      'query ($c: ContainerNumber!) { journey(containerNo: $c) { journeyId milestones { eventId } } }',
      { c: sample.containerNo },
    );
    expect(one.data?.journey.journeyId).toBe(
      stored
        .filter((j) => j.containerNo === sample.containerNo)
        .sort((a, b) => Date.parse(b.startedAt!) - Date.parse(a.startedAt!))[0].journeyId,
    );

    const seen: string[] = [];
    let after: string | null = null;
    do {
      const page: {
        data?: { journeys: { nodes: { journeyId: string }[]; endCursor: string | null; hasNextPage: boolean } };
      } = await query(
        urls[0],
        portKey,
        'query ($after: String) { journeys(first: 7, after: $after) { nodes { journeyId } endCursor hasNextPage } }',
        { after },
      );
      seen.push(...page.data!.journeys.nodes.map((n) => n.journeyId));
      after = page.data!.journeys.hasNextPage ? page.data!.journeys.endCursor : null;
    } while (after !== null);
    // Cold-chain journeys first, then the rest, each by journey id.
    expect(seen).toEqual(coldChainFirst(stored).map((j) => j.journeyId));

    const filtered = async (filter: string) =>
      (
        await query<{ journeys: { nodes: { journeyId: string }[] } }>(
          urls[0],
          portKey,
          `{ journeys(first: 100, filter: ${filter}) { nodes { journeyId } } }`,
        )
      ).data?.journeys.nodes.map((n) => n.journeyId);
    const ids = (list: typeof stored) => coldChainFirst(list).map((j) => j.journeyId);
    expect(await filtered('{ corridor: LAND_SEA_CORRIDOR }')).toEqual(
      ids(stored.filter((j) => j.corridor === 'LAND_SEA_CORRIDOR')),
    );
    expect(await filtered('{ delayedOnly: true }')).toEqual(ids(stored.filter((j) => (j.delayMinutes ?? 0) > 0)));
    expect(await filtered('{ status: COMPLETED, place: "DEDUI" }')).toEqual(
      ids(stored.filter((j) => j.status === 'COMPLETED' && j.currentPlace?.locode === 'DEDUI')),
    );
    const cutoff = '2026-04-10T00:00:00+08:00';
    expect(await filtered(`{ activeFrom: "${cutoff}" }`)).toEqual(
      ids(stored.filter((j) => Date.parse(j.lastEventAt!) >= Date.parse(cutoff))),
    );
    const badTime = await query(urls[0], portKey, '{ journeys(filter: { activeFrom: "2026-04-10" }) { endCursor } }');
    expect(badTime.errors?.[0]?.message).toBe('"2026-04-10" is not an ISO 8601 date-time with an offset');

    const timeline = await query<{ timeline: { nodes: { eventId: string; rawRef: string }[] } }>(
      urls[0],
      portKey,
      'query ($c: ContainerNumber!) { timeline(containerNo: $c, first: 200) { nodes { eventId rawRef } } }',
      { c: sample.containerNo },
    );
    expect(timeline.data?.timeline.nodes.length).toBeGreaterThanOrEqual(sample.eventIds.length);

    const badDigit = await query(urls[0], portKey, '{ journey(containerNo: "CSQU3054384") { journeyId } }');
    expect(badDigit.errors?.[0]?.message).toBe('CSQU3054384: ISO 6346 check digit is 3, not 4');
    const unknown = await query(urls[0], portKey, '{ journey(containerNo: "CSQU3054383") { journeyId } }');
    expect(unknown.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');

    const ofTypes = (n: number): string => (n === 0 ? 'name' : `ofType { ${ofTypes(n - 1)} }`);
    const deep = `{ __schema { types { fields { type { ${ofTypes(12)} } } } } }`;
    expect((await query(urls[0], portKey, deep)).errors?.[0]?.message).toBe('Query is 17 levels deep; the limit is 15');
    const costly = `{ journeys { nodes { ${'journeyId '.repeat(600)} } } }`;
    expect((await query(urls[0], portKey, costly)).errors?.[0]?.message).toBe(
      'Query selects 602 fields; the limit is 500',
    );
    const aliases = `{ ${Array.from({ length: 31 }, (_, i) => `a${i}: journeys(first: 1) { endCursor }`).join(' ')} }`;
    expect((await query(urls[0], portKey, aliases)).errors?.[0]?.message).toBe(
      'Query uses 31 aliases; the limit is 30',
    );
  });

  // Last: their bursts of updates would disturb the counts the tests above compare.
  it.each<SlowCase>([
    {
      subscription: 'journeyUpdated',
      query: `subscription { journeyUpdated { journey { journeyId containerNo version milestones { code classifier at eventId sourceSystem place { locode facility } } legs { mode conveyance { key } } parties { role orgId name } } causedBy } }`,
      // 4,000 updates of the stored journeys, one item each.
      burst: (stored) =>
        Promise.resolve(
          Array.from({ length: 4000 }, (_, i) => ({
            journey: stored[i % stored.length],
            causedBy: [],
            publishedAt: new Date().toISOString(),
          })),
        ),
      items: (updates) => updates.length,
      reason: 'Too slow: more than 1000 updates buffered',
    },
    {
      subscription: 'trackingEvents',
      query: `subscription { trackingEvents { cursor containerNo journeyId corridor event { eventId eventType code classifier eventDateTime sentAt superseded withdrawn receivedAt sourceSystem rawKind rawRef place { locode facility } conveyance { mode key trainNo imo voyage } documents { type ref } retractsEventId } } }`,
      // A stream carries only the events an update adds: the updates carry their journeys' events, as the event log
      // holds them, EVENTS_PER_UPDATE at a time, EVENT_BURST in all.
      burst: async (stored) => {
        const eventLog = new EventLogRepository(store);
        const journeys = await Promise.all(
          stored.map(async (journey) => ({
            journey,
            events: await eventLog.byIds(journey.containerNo, journey.eventIds),
          })),
        );
        const updates: JourneyUpdate[] = [];
        for (let i = 0, count = 0; count < EVENT_BURST; i += 1) {
          const { journey, events } = journeys[i % journeys.length];
          for (let k = 0; k < events.length && count < EVENT_BURST; k += EVENTS_PER_UPDATE) {
            const added = events.slice(k, k + EVENTS_PER_UPDATE);
            updates.push({
              journey,
              causedBy: added.map((e) => e.eventId),
              events: added,
              publishedAt: new Date().toISOString(),
            });
            count += added.length;
          }
        }
        return updates;
      },
      items: (updates) => updates.reduce((sum, u) => sum + u.events!.length, 0),
      reason: 'Too slow: more than 1000 events buffered',
    },
  ])(
    'closes a $subscription subscriber that stops reading (4429, with the reason) while another keeps receiving everything',
    async ({ query: text, burst, items, reason }) => {
      const fast = new Collector<unknown>(client(urls[0], portKey), text);
      const slowSocket = new WebSocket(urls[0].replace(/^http/, 'ws'), 'graphql-transport-ws');
      const slowClosed = new Promise<{ code: number; reason: string }>((resolve) =>
        slowSocket.on('close', (code, why) => resolve({ code, reason: why.toString() })),
      );
      await new Promise((resolve) => slowSocket.on('open', resolve));
      slowSocket.send(JSON.stringify({ type: 'connection_init', payload: { apiKey: portKey } }));
      await new Promise((resolve) => slowSocket.once('message', resolve));
      slowSocket.send(JSON.stringify({ id: 'slow', type: 'subscribe', payload: { query: text } }));
      await new Promise((resolve) => setTimeout(resolve, 500));
      // Stop reading: the kernel buffers fill, the server's sends stall, and its queue for this client grows.
      (slowSocket as unknown as { _socket: { pause(): void } })._socket.pause();

      const updates = await burst(await new JourneysRepository(store).all());
      const expected = items(updates);
      await publishUpdates(pipeline, updates);
      await waitFor(
        'the fast subscriber to receive the burst',
        () => fast.items.length >= expected || fast.errors.length > 0,
        60_000,
      );
      expect(fast.errors).toEqual([]);
      expect(fast.items.length).toBe(expected);
      // Reading again, the slow subscriber gets what the kernel held, then the close.
      (slowSocket as unknown as { _socket: { resume(): void } })._socket.resume();
      const open = new Promise((resolve) =>
        setTimeout(() => resolve('still open 20 s after it read again'), 20_000).unref(),
      );
      expect(await Promise.race([slowClosed, open])).toEqual({ code: 4429, reason });
      fast.stop();
    },
  );

  it('streams an update of more events than a buffer holds whole to a trackingEvents subscriber that reads', async () => {
    // A container's history as one update (a backlog's flush, a replay): 1,500 events, past the 1,000 a stream may
    // have waiting. The stream is cut off only when that many were already waiting as the update came.
    const [journey] = await new JourneysRepository(store).all();
    const history = await new EventLogRepository(store).byIds(journey.containerNo, journey.eventIds);
    const events = Array.from({ length: 1500 }, (_, i) => ({
      ...history[i % history.length],
      eventId: `${history[i % history.length].eventId}-${i}`,
    }));
    const fast = new Collector<{ trackingEvents: { event: { eventId: string } } }>(
      client(urls[0], portKey),
      'subscription { trackingEvents { cursor event { eventId } } }',
    );
    await new Promise((resolve) => setTimeout(resolve, 500));
    await publishUpdates(pipeline, [
      { journey, causedBy: events.map((e) => e.eventId), events, publishedAt: new Date().toISOString() },
    ]);
    await waitFor('the whole update', () => fast.items.length >= events.length || fast.errors.length > 0, 60_000);
    expect(fast.errors).toEqual([]);
    expect(fast.items.map((item) => item.trackingEvents.event.eventId)).toEqual(events.map((e) => e.eventId));
    fast.stop();
  });
});

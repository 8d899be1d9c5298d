import type { Client } from 'graphql-ws';
import type { Connection } from 'mongoose';
import { ApiKeysRepository } from '@mmt/access';
import { TOPICS, type JourneyUpdate } from '@mmt/contracts';
import { createProducer } from '@mmt/kafka';
import { connectStore } from '@mmt/store';
import { encodeStreamCursor, type StreamPosition } from '../apps/gateway/src/updates/stream-cursor';
import { MAX_REPLAY_MESSAGES } from '../apps/gateway/src/updates/replay-ranges';
import { MAX_CONCURRENT_REPLAYS } from '../apps/gateway/src/updates/replay-slots';
import { Collector, waitFor, wsClient } from './support/graphql-client';
import { journeyUpdates, publishUpdates } from './support/partner-api';
import { TestPipeline } from './support/pipeline';
import { simulatedHistory } from './support/simulated-history';

const STREAM = `subscription ($after: String, $containers: [ContainerNumber!]) {
  trackingEvents(after: $after, filter: { containerNos: $containers }) { cursor containerNo event { eventId } }
}`;
const UPDATES = `subscription ($containers: [ContainerNumber!]) {
  journeyUpdated(containerNos: $containers) { journey { containerNo } causedBy }
}`;

type Streamed = { trackingEvents: { cursor: string; containerNo: string; event: { eventId: string } } };
type Updated = { journeyUpdated: { journey: { containerNo: string }; causedBy: string[] } };

/** Ids per container, in the order given. */
function perContainer(pairs: readonly { containerNo: string; id: string }[]): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const { containerNo, id } of pairs) {
    map.set(containerNo, [...(map.get(containerNo) ?? []), id]);
  }
  return map;
}

const streamedIds = (items: readonly Streamed[]) =>
  perContainer(items.map(({ trackingEvents: e }) => ({ containerNo: e.containerNo, id: e.event.eventId })));
const updatedIds = (items: readonly Updated[]) =>
  perContainer(items.map(({ journeyUpdated: u }) => ({ containerNo: u.journey.containerNo, id: u.causedBy.join() })));

/** A trackingEvents subscription that its client ends after `count` events, keeping what it got. */
function cutAfter(client: Client, count: number): { items: Streamed[]; cut: Promise<void> } {
  const items: Streamed[] = [];
  let dispose = () => undefined as void;
  const cut = new Promise<void>((resolve) => {
    dispose = client.subscribe<Streamed>(
      { query: STREAM },
      {
        next: ({ data }) => {
          if (data && items.length < count) {
            items.push(data);
            if (items.length === count) {
              dispose();
              resolve();
            }
          }
        },
        error: () => undefined,
        complete: () => undefined,
      },
    );
  });
  return { items, cut };
}

/**
 * What this process (the gateway's with it) writes to stdout and stderr from now until `stop`: where the gateway's
 * Nest logger writes its lines, an ERROR among them.
 */
function captureOutput(): { text: () => string; stop: () => void } {
  const chunks: string[] = [];
  const spies = [process.stdout, process.stderr].map((stream) => {
    const write = stream.write.bind(stream) as (...args: unknown[]) => boolean;
    return jest.spyOn(stream, 'write').mockImplementation((...args: unknown[]) => {
      chunks.push(String(args[0]));
      return write(...args);
    });
  });
  return { text: () => chunks.join(''), stop: () => spies.forEach((spy) => spy.mockRestore()) };
}

/**
 * Every live subscription of a gateway, journeyUpdated and trackingEvents, resumed or not, is fed by the gateway's
 * one consumer group on the update topic; a resumed stream reads its backlog with a short-lived group that is
 * deleted once it has read it, and gets every event after its cursor, then live ones, nothing twice.
 */
describe('one Kafka consumer group for all the live subscriptions of a gateway (real Kafka, real store)', () => {
  const pipeline = new TestPipeline('shared-feed');
  const topic = pipeline.topics.name(TOPICS.journeyUpdates);
  const history = simulatedHistory({ journeys: 30, seed: 21, start: '2026-02-02T08:00:00+08:00' });
  const updates = journeyUpdates(history.journeys, history.events, 3, new Date().toISOString());
  const events = updates.flatMap((u) => u.events!.map((e) => ({ containerNo: u.journey.containerNo, id: e.eventId })));
  const containers = [...new Set(updates.map((u) => u.journey.containerNo))];
  let store: Connection;
  let url: string;
  let key: string;
  const clients: Client[] = [];
  const groupsSeen = new Set<string>();
  let watching: NodeJS.Timeout | undefined;

  const client = () => {
    const c = wsClient(url, key);
    clients.push(c);
    return c;
  };
  const groups = async () => {
    const admin = pipeline.kafka.admin();
    await admin.connect();
    try {
      return (await admin.listGroups()).groups
        .map((group) => group.groupId)
        .filter((id) => id.startsWith(pipeline.config.namespace))
        .map((id) => id.slice(pipeline.config.namespace.length))
        .sort();
    } finally {
      await admin.disconnect();
    }
  };
  const updatesOf = (chosen: readonly string[]) => updates.filter((u) => chosen.includes(u.journey.containerNo));
  const expectedUpdates = (list: readonly JourneyUpdate[]) =>
    perContainer(list.map((u) => ({ containerNo: u.journey.containerNo, id: u.causedBy.join() })));

  beforeAll(async () => {
    store = await connectStore(pipeline.config.mongodbUri);
    key = (await new ApiKeysRepository(store).create({ role: 'PORT_OFFICE', orgId: 'PORT-CQ', name: 'port' })).apiKey;
    url = await pipeline.startGateway();
    const poll = () => {
      watching = setTimeout(() => {
        void groups()
          .then((names) => names.forEach((name) => groupsSeen.add(name)))
          .finally(() => (watching === undefined ? undefined : poll()));
      }, 500);
    };
    poll();
  });

  afterEach(() => clients.splice(0).forEach((c) => void c.dispose()));

  afterAll(async () => {
    clearTimeout(watching);
    watching = undefined;
    await pipeline.stop(store);
    await store.close();
  });

  it('feeds 51 subscriptions, 6 of them resumed, from one consumer group, each with every event it should get', async () => {
    expect(events.length).toBeGreaterThan(300);
    const third = Math.ceil(updates.length / 3);
    const waves = [0, 1, 2].map((i) => updates.slice(i * third, (i + 1) * third));
    const wave1Events = waves[0].reduce((sum, u) => sum + u.events!.length, 0);
    const followed = Array.from({ length: 10 }, (_, i) => containers.slice(i * 2, i * 2 + 2));
    const connections = Array.from({ length: 6 }, () => client());
    const on = (i: number) => connections[i % connections.length];

    const streams = Array.from({ length: 10 }, (_, i) => new Collector<Streamed>(on(i), STREAM));
    const narrowStreams = followed.map((c, i) => new Collector<Streamed>(on(i + 1), STREAM, { containers: c }));
    const feeds = Array.from({ length: 10 }, (_, i) => new Collector<Updated>(on(i + 2), UPDATES));
    const narrowFeeds = followed.map((c, i) => new Collector<Updated>(on(i + 3), UPDATES, { containers: c }));
    const cutPoints = [1, Math.floor(wave1Events / 4), Math.floor(wave1Events / 2) + 1, wave1Events - 3, wave1Events];
    const interrupted = cutPoints.map((count, i) => cutAfter(on(i + 4), count));
    await new Promise((resolve) => setTimeout(resolve, 2000)); // the subscribe messages reach the gateway
    // 45 live subscriptions: one group reads the update topic for all of them, and alerts and notices besides.
    const live = await groups();
    expect(live).toEqual([expect.stringMatching(/^gateway-[0-9a-f]{8}$/)]);

    await publishUpdates(pipeline, waves[0]);
    await Promise.all(interrupted.map(({ cut }) => cut));
    await publishUpdates(pipeline, waves[1]);
    // Resumed while the third wave comes: each reads its backlog, then what came meanwhile, then live updates.
    const resumed = interrupted.map(
      ({ items }, i) => new Collector<Streamed>(on(i + 5), STREAM, { after: items.at(-1)!.trackingEvents.cursor }),
    );
    const fromStart: StreamPosition = Object.fromEntries([0, 1, 2, 3, 4, 5].map((p) => [p, { offset: '0', skip: 0 }]));
    const fromTheStart = new Collector<Streamed>(on(0), STREAM, { after: encodeStreamCursor(fromStart) });
    await publishUpdates(pipeline, waves[2]);

    const all = [...streams, ...resumed, fromTheStart];
    await waitFor(
      'every subscriber to get every event and update it follows',
      () =>
        all.every((s) => s.items.length >= events.length - (resumed.includes(s) ? cutPoints[resumed.indexOf(s)] : 0)) &&
        feeds.every((f) => f.items.length >= updates.length) &&
        narrowStreams.every(
          (s, i) => s.items.length >= events.filter((e) => followed[i].includes(e.containerNo)).length,
        ) &&
        narrowFeeds.every((f, i) => f.items.length >= updatesOf(followed[i]).length),
      90_000,
    ).catch((error: Error) => {
      const counts = (list: readonly { items: unknown[] }[]) => list.map((s) => s.items.length).join(',');
      throw new Error(
        `${error.message}: ${events.length} events, ${updates.length} updates; streams ${counts(streams)}; ` +
          `resumed ${counts(resumed)} after ${cutPoints.join(',')}; from the start ${fromTheStart.items.length}; ` +
          `errors ${JSON.stringify([...all, ...feeds].flatMap((s) => s.errors))}`,
      );
    });
    await new Promise((resolve) => setTimeout(resolve, 2000)); // anything more would be a repeat

    const everyEvent = perContainer(events);
    for (const stream of [...streams, fromTheStart]) {
      expect(streamedIds(stream.items)).toEqual(everyEvent);
    }
    resumed.forEach((stream, i) => {
      const joined = [...interrupted[i].items, ...stream.items];
      expect({ cutAfter: cutPoints[i], events: joined.length }).toEqual({
        cutAfter: cutPoints[i],
        events: events.length,
      });
      expect(streamedIds(joined)).toEqual(everyEvent);
    });
    narrowStreams.forEach((stream, i) =>
      expect(streamedIds(stream.items)).toEqual(
        perContainer(events.filter((e) => followed[i].includes(e.containerNo))),
      ),
    );
    feeds.forEach((feed) => expect(updatedIds(feed.items)).toEqual(expectedUpdates(updates)));
    narrowFeeds.forEach((feed, i) => expect(updatedIds(feed.items)).toEqual(expectedUpdates(updatesOf(followed[i]))));

    // The resumes' short-lived groups are gone once they have read their backlogs; no other group was ever made.
    await waitFor('the replay groups to be deleted', async () => (await groups()).length === 1, 30_000);
    expect(await groups()).toEqual(live);
    const others = [...groupsSeen].filter((name) => !live.includes(name));
    expect(others.filter((name) => !/^gateway-replay-[0-9a-f-]{36}$/.test(name))).toEqual([]);
  }, 180_000);

  it(`reads at most ${MAX_CONCURRENT_REPLAYS} backlogs at once when ${MAX_CONCURRENT_REPLAYS + 8} streams resume together, and each gets every event`, async () => {
    const fromStart: StreamPosition = Object.fromEntries([0, 1, 2, 3, 4, 5].map((p) => [p, { offset: '0', skip: 0 }]));
    const after = encodeStreamCursor(fromStart);
    let most = 0;
    let sampling = true;
    const sample = async () => {
      while (sampling) {
        most = Math.max(most, (await groups()).filter((name) => name.startsWith('gateway-replay-')).length);
      }
    };
    const sampled = sample();
    const connections = Array.from({ length: 4 }, () => client());
    const resumed = Array.from(
      { length: MAX_CONCURRENT_REPLAYS + 8 },
      (_, i) => new Collector<Streamed>(connections[i % connections.length], STREAM, { after }),
    );
    await waitFor(
      'every resumed stream to read the whole topic',
      () => resumed.every((s) => s.items.length >= events.length),
      120_000,
    );
    await waitFor('the replay groups to be deleted', async () => (await groups()).length === 1, 30_000);
    sampling = false;
    await sampled;
    expect(most).toBeGreaterThan(0);
    expect(most).toBeLessThanOrEqual(MAX_CONCURRENT_REPLAYS);
    const everyEvent = perContainer(events);
    resumed.forEach((stream) => expect(streamedIds(stream.items)).toEqual(everyEvent));
  }, 180_000);

  it('refuses a cursor below what the update topic still holds, saying so (CURSOR_EXPIRED), and logs no ERROR for it', async () => {
    const output = captureOutput();
    await publishUpdates(pipeline, updatesOf(containers.slice(0, 1)));
    const admin = pipeline.kafka.admin();
    await admin.connect();
    const partition = (await admin.fetchTopicOffsets(topic)).find((p) => Number(p.high) > 1)!.partition;
    await admin.deleteTopicRecords({ topic, partitions: [{ partition, offset: '1' }] });
    await admin.disconnect();
    const stale = new Collector<Streamed>(client(), STREAM, {
      after: encodeStreamCursor({ [partition]: { offset: '0', skip: 0 } }),
    });
    await waitFor('the refusal', () => stale.errors.length > 0, 30_000);
    expect(JSON.stringify(stale.errors)).toContain(
      `after: this cursor is too old: partition ${partition} of the update topic starts at offset 1 now (older ` +
        'updates are past their retention), the cursor stands at 0. Read the journeys again (journey, journeys) ' +
        'and subscribe to trackingEvents without after.',
    );
    expect(JSON.stringify(stale.errors)).toContain('"code":"CURSOR_EXPIRED"');
    expect(stale.items).toEqual([]);
    output.stop();
    // A client's stale cursor is no fault of the platform: no ERROR (the only level this test's gateway writes).
    expect(output.text()).not.toContain('this cursor is too old');
  }, 60_000);

  it(`refuses a cursor more than ${MAX_REPLAY_MESSAGES} updates behind, saying so (CURSOR_EXPIRED), and logs no ERROR for it`, async () => {
    const admin = pipeline.kafka.admin();
    await admin.connect();
    const oldest: StreamPosition = Object.fromEntries(
      (await admin.fetchTopicOffsets(topic)).map(({ partition, low }) => [partition, { offset: low, skip: 0 }]),
    );
    await admin.disconnect();
    // More messages than the bound (none a journey update: nobody gets them), then one update to see the gateway read them.
    const producer = createProducer(pipeline.kafka);
    await producer.connect();
    const perSend = 5000;
    for (let sent = 0; sent <= MAX_REPLAY_MESSAGES; sent += perSend) {
      await producer.send({ topic, messages: Array.from({ length: perSend }, () => ({ key: 'noise', value: '{}' })) });
    }
    await producer.disconnect();
    const feed = new Collector<Updated>(client(), UPDATES);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await publishUpdates(pipeline, updates.slice(0, 1));
    await waitFor('the gateway to read past the noise', () => feed.items.length > 0, 120_000);

    const output = captureOutput();
    const behind = new Collector<Streamed>(client(), STREAM, { after: encodeStreamCursor(oldest) });
    await waitFor('the refusal', () => behind.errors.length > 0, 30_000);
    output.stop();
    expect(output.text()).not.toContain('updates behind');
    expect(JSON.stringify(behind.errors)).toMatch(
      new RegExp(
        `after: this cursor is \\d+ updates behind; a stream resumes at most ${MAX_REPLAY_MESSAGES} behind\\. ` +
          'Read the journeys again \\(journey, journeys\\) and subscribe to trackingEvents without after\\.',
      ),
    );
    expect(JSON.stringify(behind.errors)).toContain('"code":"CURSOR_EXPIRED"');
    expect(behind.items).toEqual([]);
  }, 180_000);
});

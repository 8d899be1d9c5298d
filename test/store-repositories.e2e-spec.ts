import type { Connection } from 'mongoose';
import { eventVersionKey, type TrackingEvent } from '@mmt/contracts';
import {
  EventLogRepository,
  eventLogPages,
  eventsOfPage,
  JourneysRepository,
  MAX_PAGE_BYTES,
  MAX_PAGE_EVENTS,
  type EventLogPage,
  dropDatabaseInSteps,
} from '@mmt/store';
import { testDatabase } from './support/infra';
import { simulatedHistory } from './support/simulated-history';

/** The event log's pages and the journeys' writes and indexes, on the real store. */
describe('Store repositories (real store)', () => {
  let db: Connection;
  const history = simulatedHistory({ journeys: 40, seed: 41, start: '2026-04-06T08:00:00+08:00' });
  const [first, second] = [...new Set(history.events.map((e) => e.containerNo))];
  const eventsOf = (containerNo: string) => history.events.filter((e) => e.containerNo === containerNo);
  const pages = () => db.collection<EventLogPage>('events').find({}).toArray();

  beforeAll(async () => {
    db = await testDatabase('store_repositories');
  });

  afterAll(async () => {
    await dropDatabaseInSteps(db);
    await db.close();
  });

  describe('event log', () => {
    const log = () => new EventLogRepository(db);

    beforeEach(async () => {
      await db.collection('events').deleteMany({});
    });

    it('writes one page per container and append, and a page written again is a no-op', async () => {
      const batch = [...eventsOf(first).slice(0, 5), ...eventsOf(second).slice(0, 3)];
      await log().append(batch);
      await log().append(batch);
      const written = await pages();
      expect(written.map((p) => [p.containerNo, eventsOfPage(p).length]).sort()).toEqual(
        [
          [first, 5],
          [second, 3],
        ].sort(),
      );
      expect(await log().count()).toBe(8);
      expect(await log().ofContainers([first, second])).toEqual(expect.arrayContaining(batch));
    });

    it("reads a container's events across pages, the first copy of an id only, and events by id in order", async () => {
      const events = eventsOf(first);
      await log().append(events.slice(0, 4));
      await log().append(events.slice(4));
      // An overlapping projector logged the third event again in a page of its own, with a changed copy.
      const copy = { ...events[2], receivedAt: '2030-01-01T00:00:00Z' } as TrackingEvent;
      await log().append([copy]);
      expect((await pages()).length).toBe(3);
      const read = await log().ofContainer(first);
      expect(read.map((e) => e.eventId).sort()).toEqual(events.map((e) => e.eventId).sort());
      expect(read.filter((e) => e.eventId === events[2].eventId)).toHaveLength(1);
      expect(await log().count()).toBe(events.length);
      const wanted = [events[5].eventId, 'not-logged', events[1].eventId];
      expect((await log().byIds(first, wanted)).map((e) => e.eventId)).toEqual([events[5].eventId, events[1].eventId]);
    });

    it('stores a page as one JSON text, and reads pages of earlier releases (events as documents) alike', async () => {
      const events = eventsOf(first);
      await log().append(events.slice(2));
      const [written] = await pages();
      expect(Object.keys(written).sort()).toEqual(['_id', 'containerNo', 'eventsJson']);
      expect(JSON.parse(written.eventsJson!)).toEqual(events.slice(2));
      // An earlier release's page: the first two events as documents, and a copy of the third.
      await db.collection<EventLogPage>('events').insertOne({
        _id: `${first}/${eventVersionKey(events[0])}`,
        containerNo: first,
        events: events.slice(0, 3),
      });
      const read = await log().ofContainer(first);
      expect(read).toHaveLength(events.length);
      expect(read).toEqual(expect.arrayContaining(events));
      expect(await log().count()).toBe(events.length);
      for await (const [containerNo, all, copies] of log().byContainer()) {
        expect([containerNo, all.length, copies]).toEqual([first, events.length, 1]);
      }
    });

    it('yields every container with its events, one after another, for rebuilds', async () => {
      await log().append([...eventsOf(second), ...eventsOf(first)]);
      const seen = new Map<string, number>();
      for await (const [containerNo, events] of log().byContainer()) {
        expect(seen.has(containerNo)).toBe(false);
        seen.set(containerNo, events.length);
      }
      expect(seen).toEqual(
        new Map([
          [first, eventsOf(first).length],
          [second, eventsOf(second).length],
        ]),
      );
    });
  });

  it('splits a page at MAX_PAGE_EVENTS events and at MAX_PAGE_BYTES bytes', () => {
    const event = history.events[0];
    const many = Array.from({ length: MAX_PAGE_EVENTS + 1 }, (_, i) => ({ ...event, eventId: `e${i}` }));
    expect(eventLogPages(first, many).map((p) => eventsOfPage(p).length)).toEqual([MAX_PAGE_EVENTS, 1]);
    const padding = 'x'.repeat(MAX_PAGE_BYTES / 3);
    const large = [0, 1, 2].map((i) => ({ ...event, eventId: `big${i}`, padding }) as unknown as TrackingEvent);
    const split = eventLogPages(first, large);
    expect(split.map((p) => eventsOfPage(p).length)).toEqual([2, 1]);
    expect(split.map((p) => p._id.split('/').slice(0, 2).join('/'))).toEqual([
      `${first}/${eventVersionKey(large[0])}`,
      `${first}/${eventVersionKey(large[2])}`,
    ]);
  });

  it('names a page by its whole content: the same events give the same name, one more event another', () => {
    const [a, b, c] = history.events;
    const [page] = eventLogPages(first, [a, b]);
    expect(eventLogPages(first, [a, b])[0]._id).toBe(page._id);
    expect(eventLogPages(first, [a, b, c])[0]._id).not.toBe(page._id);
    expect(page._id.startsWith(`${first}/${eventVersionKey(a)}/`)).toBe(true);
  });

  describe('journeys', () => {
    const journeys = () => new JourneysRepository(db);

    it('inserts first versions and replaces a first version that another writer stored meanwhile', async () => {
      const [a, b] = history.journeys;
      const stale = { ...a, version: 'stale' };
      await journeys().saveAll([stale], new Set([a.journeyId]));
      // `a` was stored by someone else: still taken for a first version, it must replace, not be dropped.
      await journeys().saveAll([a, b], new Set([a.journeyId, b.journeyId]));
      expect(await journeys().findById(a.journeyId)).toEqual(a);
      expect(await journeys().findById(b.journeyId)).toEqual(b);
    });

    it('drops a journey index that is not one of its own, and keeps its own', async () => {
      const collection = db.collection('journeys');
      await collection.createIndex({ status: 1, containerNo: 1 });
      await journeys().ensureIndexes();
      await journeys().ensureIndexes();
      const names = ((await collection.listIndexes().toArray()) as { name: string }[]).map((i) => i.name).sort();
      expect(names).toEqual(
        [
          '_id_',
          'containerNo_1',
          'derived.conveyanceKeys_1',
          'derived.listKeys_1_containerNo_1',
          'documents.ref_1',
        ].sort(),
      );
    });
  });
});

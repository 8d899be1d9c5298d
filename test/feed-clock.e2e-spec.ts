import type { Connection } from 'mongoose';
import { dropDatabaseInSteps } from '@mmt/store';
import type { Principal } from '@mmt/access';
import { EventFeedRepository, positionsNeeded, toDcsaEvent, type FeedChange } from '@mmt/dcsa';
import { testDatabase } from './support/infra';
import { simulatedHistory } from './support/simulated-history';

const PORT_OFFICE: Principal = { role: 'PORT_OFFICE', orgId: 'PORT-CQ', keyId: 'k' } as Principal;

/**
 * The feed's positions and horizon on the real store: what lets a partner poll without ever missing an event.
 * Writers are driven step by step, as two partitions' batches (or a failed try and its retry) interleave.
 */
describe('feed clock (real store)', () => {
  let db: Connection;
  let feed: EventFeedRepository;
  const history = simulatedHistory({ journeys: 12, seed: 5, start: '2026-01-05T08:00:00+08:00' });
  const changes: FeedChange[] = history.journeys.map((journey) => ({
    journey,
    added: journey.eventIds.map((id) => history.events.find((e) => e.eventId === id)!),
  }));
  const [a, b, c, d] = [changes.slice(0, 3), changes.slice(3, 6), changes.slice(6, 9), changes.slice(9)];
  const served = async () => (await feed.page(PORT_OFFICE, { filter: {}, limit: 1000 })).events;

  beforeAll(async () => {
    db = await testDatabase('feed_clock');
    feed = new EventFeedRepository(db);
    await feed.ensureIndexes();
  });

  afterAll(async () => {
    await dropDatabaseInSteps(db);
    await db.close();
  });

  it('serves nothing past a batch still writing, then everything in position order', async () => {
    const slow = await feed.clock.take('topic/0', 10, positionsNeeded(a));
    const quick = await feed.clock.take('topic/1', 7, positionsNeeded(b));
    expect(quick).toBeGreaterThan(slow);
    await feed.insert(b, 'topic/1:0-7', quick);
    await feed.clock.finish('topic/1', 7);
    // The later batch is written, but the earlier one is not: serving it now would let a partner's next poll
    // (after its last position) miss the earlier batch's events when they land.
    expect(await served()).toEqual([]);
    expect(await feed.clock.horizon()).toBe(slow - 1);
    await feed.insert(a, 'topic/0:0-10', slow);
    await feed.clock.finish('topic/0', 10);
    const events = await served();
    const expected = [...a, ...b].flatMap((change) => change.added).flatMap((e) => toDcsaEvent(e)?.eventID ?? []);
    expect(events.map((e) => e._id)).toEqual(expected);
    expect(events.every((e, i) => i === 0 || events[i - 1].pos < e.pos)).toBe(true);
    expect(events.every((e) => e.event.eventCreatedDateTime.endsWith('Z'))).toBe(true);
  });

  it('keeps a failed try’s positions behind the horizon until a retry has covered its whole batch', async () => {
    const before = (await served()).length;
    const failed = await feed.clock.take('topic/2', 40, positionsNeeded(c));
    await feed.insert(c.slice(0, 1), 'topic/2:30-40', failed); // then the try fails: no finish
    // Its retry reads a shorter batch (a different cut) and finishes it: the failed try's events stay hidden.
    const retry = await feed.clock.take('topic/2', 35, positionsNeeded(c.slice(0, 2)));
    await feed.insert(c.slice(0, 2), 'topic/2:30-35', retry);
    await feed.clock.finish('topic/2', 35);
    expect(await feed.clock.horizon()).toBe(failed - 1);
    expect(await served()).toHaveLength(before);
    // The next batch reaches offset 40: now all of it is written, and it is served.
    const next = await feed.clock.take('topic/2', 41, positionsNeeded(c));
    await feed.insert(c, 'topic/2:36-41', next);
    await feed.clock.finish('topic/2', 41);
    expect(await feed.clock.open()).toEqual([]);
    const events = await served();
    const ids = c.flatMap((change) => change.added).flatMap((e) => toDcsaEvent(e)?.eventID ?? []);
    expect(events.slice(before).map((e) => e._id)).toEqual(ids);
  });

  it('hands out growing positions even when a writer’s clock is behind', async () => {
    const last = (await served()).at(-1)!.pos;
    const behind = await feed.clock.take('topic/3', 1, positionsNeeded(d), Date.now() - 3_600_000);
    expect(behind).toBeGreaterThan(last);
    await feed.insert(d, 'topic/3:0-1', behind);
    await feed.clock.finish('topic/3', 1);
    expect((await served()).at(-1)!.pos).toBeGreaterThan(last);
  });

  it('places events written before the feed had positions, in their old order, and drops the old indexes', async () => {
    const collection = db.collection('dcsa_events');
    const count = await collection.countDocuments();
    const sources = history.events.slice(0, 3);
    await collection.createIndex({ createdAt: 1, _id: 1 });
    await collection.insertMany(
      sources.map((source, i) => ({
        _id: `legacy-${i}`,
        containerNo: source.containerNo,
        eventId: source.eventId,
        journeyId: 'J-legacy',
        orgKeys: [],
        createdAt: new Date(Date.UTC(2025, 0, 3 - i)),
        at: new Date(source.eventDateTime),
        f: {},
        event: toDcsaEvent(source),
        batch: 'legacy',
      })) as never[],
    );
    expect(await feed.placeUnpositioned()).toBe(3);
    expect(await feed.placeUnpositioned()).toBe(0);
    const placed = await collection.find({ _id: { $in: ['legacy-0', 'legacy-1', 'legacy-2'] } } as never).toArray();
    const byPos = placed.sort((x, y) => (x.pos as number) - (y.pos as number)).map((e) => e._id);
    expect(byPos).toEqual(['legacy-2', 'legacy-1', 'legacy-0']); // oldest createdAt first
    expect(placed.every((e) => (e.event as { eventCreatedDateTime: string }).eventCreatedDateTime.length === 27)).toBe(
      true,
    );
    expect((await collection.indexes()).some((index) => 'createdAt' in index.key)).toBe(false);
    expect(await collection.countDocuments()).toBe(count + 3);
  });
});

import type { Connection } from 'mongoose';
import { TOPICS, type Journey, type TrackingEvent } from '@mmt/contracts';
import { createProducer, ensureTopics } from '@mmt/kafka';
import { ConsumerRuntime, type ConsumedBatch, type ConsumerServiceSpec } from '@mmt/platform';
import { connectStore, JourneysRepository } from '@mmt/store';
import { ProjectorService } from '../apps/projector/src/projector.service';
import { waitFor } from './support/graphql-client';
import { TestPipeline } from './support/pipeline';
import { simulatedHistory } from './support/simulated-history';

/** Small fetches, so that a backlog of a few thousand events comes in many batches (the projector asks 48 MB). */
const FETCH_BYTES = 64 * 1024;

/**
 * The projector under a backlog, on the real broker and store: it holds the batches that have more behind them and
 * writes each journey once for all of them; a lone event on a caught-up partition is written at once.
 */
describe('Projector: writes coalesced across batches (real Kafka, real store)', () => {
  const pipeline = new TestPipeline('coalescing');
  const topic = pipeline.topics.name(TOPICS.trackingEvents);
  const written: Journey[] = [];
  const batches: { held: boolean; size: number }[] = [];
  /** Events of the batches the projector has begun to handle (it may still be in one, waiting for more). */
  let eventsTaken = 0;
  let stopProjector: () => Promise<void>;
  let store: Connection;

  beforeAll(async () => {
    store = await connectStore(pipeline.config.mongodbUri);
    type Start = (spec: ConsumerServiceSpec<unknown>) => Promise<void>;
    const runtime = ConsumerRuntime.prototype as unknown as { start: Start };
    const start = runtime.start;
    jest.spyOn(runtime, 'start').mockImplementation(function (this: ConsumerRuntime, spec) {
      return start.call(this, {
        ...spec,
        tuning: { ...spec.tuning, maxBytesPerPartition: FETCH_BYTES, maxBytes: FETCH_BYTES },
      });
    });
    type Handle = (...args: ConsumedBatch<TrackingEvent>) => Promise<unknown>;
    const prototype = ProjectorService.prototype as unknown as { handle: Handle };
    const handle = prototype.handle;
    jest.spyOn(prototype, 'handle').mockImplementation(async function (this: unknown, ...args) {
      let held = false;
      eventsTaken += args[0].length;
      const context = { ...args[1], hold: () => ((held = true), args[1].hold()) };
      const result = await handle.call(this, args[0], context, args[2]);
      batches.push({ held, size: args[0].length });
      return result;
    });
    type SaveAll = (journeys: readonly Journey[], firstVersions?: ReadonlySet<string>) => Promise<void>;
    const repository = JourneysRepository.prototype as unknown as { saveAll: SaveAll };
    const saveAll = repository.saveAll;
    jest.spyOn(repository, 'saveAll').mockImplementation(function (this: JourneysRepository, ...args) {
      written.push(...args[0]);
      return saveAll.apply(this, args);
    });
  });

  afterAll(async () => {
    jest.restoreAllMocks();
    await pipeline.stop(store);
    await store.close();
  });

  /**
   * Sends events, a few to a request so that they lie in many small record batches: each container's to partition 0
   * or 1 (every other container), so that the two partitions' backlogs end at different batches.
   */
  async function send(events: readonly TrackingEvent[]): Promise<void> {
    const containers = [...new Set(events.map((e) => e.containerNo))];
    const partitionOf = new Map(containers.map((containerNo, i) => [containerNo, i % 2]));
    const producer = createProducer(pipeline.kafka);
    await producer.connect();
    for (let i = 0; i < events.length; i += 20) {
      const messages = events
        .slice(i, i + 20)
        .map((e) => ({ key: e.containerNo, value: JSON.stringify(e), partition: partitionOf.get(e.containerNo) }));
      await producer.send({ topic, messages, acks: -1 });
    }
    await producer.disconnect();
  }

  it('holds a backlog of many batches on two partitions until both are read, and writes each journey once, as the fold of all its events', async () => {
    const history = simulatedHistory({ journeys: 40, seed: 61, start: '2025-03-03T08:00:00+08:00' });
    // The backlog is on the topic before the projector starts, each container's events spread through it. The
    // partition read to its end first must not flush what the other one holds.
    await ensureTopics(pipeline.kafka, pipeline.topics.specs());
    await send(history.events);
    stopProjector = await pipeline.startProjector();
    await pipeline.waitUntilCommittedToEnd('projector', [topic]);

    expect(batches.filter((b) => b.held).length).toBeGreaterThan(3);
    const stored = await new JourneysRepository(store).ofContainers([
      ...new Set(history.events.map((e) => e.containerNo)),
    ]);
    expect(stored.sort(byId)).toEqual([...history.journeys].sort(byId));
    const writes = new Map<string, number>();
    written.forEach((j) => writes.set(j.journeyId, (writes.get(j.journeyId) ?? 0) + 1));
    expect([...writes.values()].every((count) => count === 1)).toBe(true);
    expect(writes.size).toBe(history.journeys.length);
  }, 120_000);

  it('holds a backlog that is still coming when it has caught up (10,000 events or more), and writes each journey once', async () => {
    // ~13,300 events: a backlog of 11,800, then the rest in five slices a second apart, as a normalizer still
    // working through its own backlog would send them.
    const history = simulatedHistory({ journeys: 400, seed: 63, start: '2025-08-04T08:00:00+08:00' });
    const backlog = history.events.slice(0, -1500);
    const rest = history.events.slice(-1500);
    await stopProjector();
    await send(backlog);
    batches.length = 0;
    written.length = 0;
    eventsTaken = 0;
    stopProjector = await pipeline.startProjector();
    // The projector has read the whole backlog: caught up, it waits for more (without waiting, it would flush now).
    await waitFor('the backlog read', () => eventsTaken >= backlog.length, 60_000);
    for (let slice = 0; slice < 5; slice += 1) {
      await send(rest.slice(slice * 300, (slice + 1) * 300));
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    await pipeline.waitUntilCommittedToEnd('projector', [topic]);

    expect(batches.filter((b) => !b.held)).toHaveLength(1);
    const stored = await new JourneysRepository(store).ofContainers([
      ...new Set(history.events.map((e) => e.containerNo)),
    ]);
    expect(stored.sort(byId)).toEqual([...history.journeys].sort(byId));
    const writes = new Map<string, number>();
    written.forEach((j) => writes.set(j.journeyId, (writes.get(j.journeyId) ?? 0) + 1));
    expect(writes.size).toBe(history.journeys.length);
    expect([...writes.values()].every((count) => count === 1)).toBe(true);
  }, 180_000);

  it('writes a lone event at once: a batch that leaves its partition caught up is not held', async () => {
    const history = simulatedHistory({ journeys: 1, seed: 62, start: '2025-06-02T08:00:00+08:00' });
    const lone = history.events[0];
    batches.length = 0;
    await send([lone]);
    // Well within LINGER_MS (5 s), let alone MAX_HELD_MS, which a held event could wait for.
    await waitFor(
      'the lone event committed',
      async () => (await new JourneysRepository(store).ofContainer(lone.containerNo)).length > 0,
      15_000,
    );
    expect(batches).toEqual([{ held: false, size: 1 }]);
  }, 60_000);
});

const byId = (a: Journey, b: Journey) => a.journeyId.localeCompare(b.journeyId);

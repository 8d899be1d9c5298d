import { createHash } from 'node:crypto';
import type { Connection } from 'mongoose';
import { RAW_TOPICS, TOPICS, type DeadLetter, type TrackingEvent } from '@mmt/contracts';
import { createProducer } from '@mmt/kafka';
import { STORE } from '@mmt/platform';
import { simulate } from '@mmt/simulator';
import { connectStore } from '@mmt/store';
import { NormalizerService } from '../apps/normalizer/src/normalizer.service';
import { ProjectorService } from '../apps/projector/src/projector.service';
import { sendSimulation } from '../apps/simulator/src/send-simulation';
import { expectOneLetterPerRawMessage, readDeadLetters } from './support/dead-letters';
import { drainTo } from './support/drain';
import { expectedOutcome } from './support/ground-truth';
import { waitFor } from './support/graphql-client';
import { endOffsetTotal, groupOffsets } from './support/offsets';
import { TestPipeline } from './support/pipeline';

const DRAIN_TIMEOUT_MS = 6 * 60_000;
const DISORDER = { shuffle: 0.2, duplicates: 0.1, lateManifests: 0.3, conveyanceReports: true, invalid: 0.05 };

/** Counts the Kafka messages a service's batch handler is given, from now on. */
function countHandled(service: typeof NormalizerService | typeof ProjectorService): { count: () => number } {
  const prototype = service.prototype as unknown as { handle: (messages: readonly unknown[]) => Promise<void> };
  const spy = jest.spyOn(prototype, 'handle');
  return {
    count: () => spy.mock.calls.reduce((sum, [messages]) => sum + messages.length, 0),
  };
}

describe('Durable consumers: offsets committed after the writes (real Kafka, real store)', () => {
  const pipeline = new TestPipeline('durable');
  const rawTopics = RAW_TOPICS.map((t) => pipeline.topics.name(t));
  const eventsTopic = pipeline.topics.name(TOPICS.trackingEvents);
  let store: Connection;

  beforeAll(async () => {
    store = await connectStore(pipeline.config.mongodbUri);
  });

  afterAll(async () => {
    jest.restoreAllMocks();
    await pipeline.stop(store);
    await store.close();
  });

  it(
    'commits every partition up to its end offset once a feed is drained',
    async () => {
      const first = simulate({ ...DISORDER, journeys: 40, seed: 11, start: '2026-03-02T08:00:00+08:00' });
      await pipeline.start();
      await sendSimulation(pipeline.kafka, pipeline.topics, first.messages, { rate: 0 });
      const stored = await drainTo(store, expectedOutcome(first.validMessages), DRAIN_TIMEOUT_MS, 'durable');
      expect(stored).toEqual(expectedOutcome(first.validMessages).journeys);

      await pipeline.waitUntilCommittedToEnd('normalizer', rawTopics);
      await pipeline.waitUntilCommittedToEnd('projector', [eventsTopic]);
      const normalizer = await groupOffsets(pipeline.kafka, `${pipeline.config.namespace}normalizer`, rawTopics);
      expect(normalizer.filter((p) => p.end > 0).length).toBeGreaterThan(0);
      expect(normalizer.every((p) => p.committed === p.end || p.end === 0)).toBe(true);
    },
    DRAIN_TIMEOUT_MS,
  );

  it(
    'resumes after a restart from the committed offsets: only new messages are read, no dead letter twice',
    async () => {
      await Promise.all(pipeline.started.map((app) => app.close()));
      const eventsBefore = await endOffsetTotal(pipeline.kafka, eventsTopic);
      const normalized = countHandled(NormalizerService);
      const projected = countHandled(ProjectorService);

      const second = simulate({ ...DISORDER, journeys: 30, seed: 12, start: '2026-04-06T08:00:00+08:00' });
      await pipeline.start();
      await sendSimulation(pipeline.kafka, pipeline.topics, second.messages, { rate: 0 });
      const first = simulate({ ...DISORDER, journeys: 40, seed: 11, start: '2026-03-02T08:00:00+08:00' });
      const both = expectedOutcome([...first.validMessages, ...second.validMessages]);
      expect(await drainTo(store, both, DRAIN_TIMEOUT_MS, 'durable restart')).toEqual(both.journeys);
      await pipeline.waitUntilCommittedToEnd('projector', [eventsTopic]);

      // A replay from offset 0 would read the first feed again: every raw message and every canonical event.
      expect(normalized.count()).toBe(second.messages.length);
      expect(projected.count()).toBe((await endOffsetTotal(pipeline.kafka, eventsTopic)) - eventsBefore);
      const invalid = [...first.messages, ...second.messages].filter((m) => !m.valid);
      const letters = await readDeadLetters(pipeline);
      expectOneLetterPerRawMessage(letters);
      expect(new Set(letters.map((l) => l.originalBase64))).toEqual(
        new Set(invalid.map((m) => m.value.toString('base64'))),
      );
      expect(pipeline.fatal).toEqual([]);
    },
    DRAIN_TIMEOUT_MS,
  );
});

function expectTruncatedLetter(letter: DeadLetter | undefined, original: Buffer, topic: string): void {
  expect(letter).toBeDefined();
  expect(letter!.originalTruncated).toBe(true);
  expect(letter!.originalBytes).toBe(original.length);
  expect(letter!.originalSha256).toBe(createHash('sha256').update(original).digest('hex'));
  expect(Buffer.from(letter!.originalBase64, 'base64')).toEqual(original.subarray(0, 4096));
  expect(letter!.sourceTopic).toBe(topic);
}

describe('Backlogs after downtime and messages near the size limit (real Kafka, real store)', () => {
  const pipeline = new TestPipeline('backlog');
  let store: Connection;

  beforeAll(async () => {
    store = await connectStore(pipeline.config.mongodbUri);
  });

  afterAll(async () => {
    await pipeline.stop(store);
    await store.close();
  });

  it(
    'dead-letters large and numerous invalid messages and projects a 300-journey backlog in full',
    async () => {
      // Everything is produced while no service runs, then the services start on the backlog.
      const inTransit = pipeline.topics.name(TOPICS.rawInTransit);
      const manifest = pipeline.topics.name(TOPICS.rawManifest);
      await pipeline.startProjector().then((stop) => stop()); // creates the topics
      const producer = createProducer(pipeline.kafka);
      await producer.connect();
      const small = Array.from({ length: 6000 }, (_, i) => ({ key: `bad-${i}`, value: `{"messageId":"bad-${i}"}` }));
      for (let i = 0; i < small.length; i += 1000) {
        await producer.send({ topic: inTransit, messages: small.slice(i, i + 1000), acks: -1 });
      }
      const large = Buffer.alloc(870 * 1024, 'x');
      await producer.send({ topic: manifest, messages: [{ key: 'large', value: large }], acks: -1 });
      await producer.disconnect();
      const simulation = simulate({
        ...DISORDER,
        invalid: 0,
        journeys: 300,
        seed: 21,
        start: '2026-05-04T08:00:00+08:00',
      });
      await sendSimulation(pipeline.kafka, pipeline.topics, simulation.messages, { rate: 0 });

      await pipeline.startNormalizer();
      await pipeline.waitUntilCommittedToEnd(
        'normalizer',
        RAW_TOPICS.map((t) => pipeline.topics.name(t)),
      );
      await pipeline.startProjector();
      const expected = expectedOutcome(simulation.validMessages);
      expect(await drainTo(store, expected, DRAIN_TIMEOUT_MS, 'backlog')).toEqual(expected.journeys);
      expect(pipeline.fatal).toEqual([]);

      const letters = await readDeadLetters(pipeline);
      expectOneLetterPerRawMessage(letters);
      expect(new Set(letters.map((l) => l.sourceKey))).toEqual(new Set([...small.map((m) => m.key), 'large']));
      expectTruncatedLetter(
        letters.find((l) => l.sourceKey === 'large'),
        large,
        manifest,
      );
      expect(letters.filter((l) => l.sourceKey?.startsWith('bad-')).every((l) => !l.originalTruncated)).toBe(true);
    },
    2 * DRAIN_TIMEOUT_MS,
  );

  it('dead-letters raw input over the 1 MiB limit with its size, digest and first bytes', async () => {
    const manifest = pipeline.topics.name(TOPICS.rawManifest);
    const oversized = Buffer.alloc(1536 * 1024, '{');
    const producer = createProducer(pipeline.kafka);
    await producer.connect();
    await producer.send({ topic: manifest, messages: [{ key: 'oversized', value: oversized }], acks: -1 });
    await producer.disconnect();
    const letters = await readDeadLetters(pipeline);
    const letter = letters.find((l) => l.sourceKey === 'oversized');
    expectTruncatedLetter(letter, oversized, manifest);
    expect(letter!.reason).toMatch(/more than the limit of 1048576 bytes/);
  });
});

describe('A service whose consumer crashes stops instead of looking healthy', () => {
  const pipeline = new TestPipeline('crash');
  let store: Connection;

  beforeAll(async () => {
    store = await connectStore(pipeline.config.mongodbUri);
  });

  afterAll(async () => {
    await pipeline.stop(store);
    await store.close();
  });

  it('reports a projector whose store went away as fatal, with the cause', async () => {
    await pipeline.startProjector();
    await pipeline.started[0].get<Connection>(STORE).close();
    const producer = createProducer(pipeline.kafka);
    await producer.connect();
    const event: Partial<TrackingEvent> = {
      eventId: 'crash-1',
      eventType: 'EQUIPMENT',
      containerNo: 'MSKU1234565',
      eventDateTime: '2026-03-02T08:00:00+08:00',
    };
    await producer.send({
      topic: pipeline.topics.name(TOPICS.trackingEvents),
      messages: [{ key: 'MSKU1234565', value: JSON.stringify(event) }],
      acks: -1,
    });
    await producer.disconnect();
    await waitFor('the projector to report its crash', () => pipeline.fatal.length > 0, 90_000);
    expect(pipeline.fatal[0].message).toMatch(/must be connected/);
  });
});

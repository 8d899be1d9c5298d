import type { Connection } from 'mongoose';
import { armFailpoints, disarmFailpoints, failpointFired } from '@mmt/config';
import { RAW_TOPICS, TOPICS, type RawMessage } from '@mmt/contracts';
import { simulate, type SimulatedMessage } from '@mmt/simulator';
import { connectStore, EventLogRepository, JourneysRepository } from '@mmt/store';
import { ProjectorService } from '../apps/projector/src/projector.service';
import { rebuildJourneys } from '../apps/projector/src/rebuild-journeys';
import { sendSimulation } from '../apps/simulator/src/send-simulation';
import { recordBatchAttempts, type BatchAttempt } from './support/batch-attempts';
import { drainTo } from './support/drain';
import { expectedOutcome } from './support/ground-truth';
import { TestPipeline } from './support/pipeline';

const DRAIN_TIMEOUT_MS = 3 * 60_000;
const DISORDER = { shuffle: 0.2, duplicates: 0.1, lateManifests: 0.3, conveyanceReports: true, invalid: 0 };
const STEPS = ['appendEvents', 'publishUpdates', 'saveJourneys', 'deleteJourneys'] as const;
const MOMENTS = ['once', 'once-after'] as const;

/**
 * Each write step of the projector fails once in the middle of a feed, before its call or after it, on the real
 * broker and store; kafkajs retries the batch in the same process from its first offset, with the messages that
 * arrived meanwhile. Afterwards the journeys equal the ground truth of every feed so far, the event log holds each
 * event version exactly once, and a rebuild from the log changes nothing.
 */
describe('Projector: every write step failed once mid-feed, then retried (real Kafka, real store)', () => {
  const pipeline = new TestPipeline('failpoints-projector');
  const eventsTopic = pipeline.topics.name(TOPICS.trackingEvents);
  const rawTopics = RAW_TOPICS.map((t) => pipeline.topics.name(t));
  const sent: RawMessage[] = [];
  let store: Connection;
  let handled: BatchAttempt[];
  const longerRetries: boolean[] = [];

  beforeAll(async () => {
    store = await connectStore(pipeline.config.mongodbUri);
    handled = recordBatchAttempts(ProjectorService, 2);
    await pipeline.start();
  });

  afterEach(() => disarmFailpoints());

  afterAll(async () => {
    jest.restoreAllMocks();
    await pipeline.stop(store);
    await store.close();
  });

  const send = (messages: readonly SimulatedMessage[]) =>
    sendSimulation(pipeline.kafka, pipeline.topics, messages, { rate: 0 });

  let seed = 70;
  for (const step of STEPS) {
    for (const moment of MOMENTS) {
      it(
        `ends exact when projector.${step} fails (${moment}) and its batch is retried with more events`,
        async () => {
          seed += 1;
          const feed = simulate({
            ...DISORDER,
            journeys: 12,
            seed,
            // Each feed its own fortnight, all long past: an actual event after the broker's clock is dead-lettered.
            start: new Date(Date.parse('2025-01-06T08:00:00+08:00') + (seed - 70) * 14 * 86_400_000).toISOString(),
          });
          const half = Math.floor(feed.messages.length / 2);
          await send(feed.messages.slice(0, half));
          await pipeline.waitUntilCommittedToEnd('normalizer', rawTopics);
          await pipeline.waitUntilCommittedToEnd('projector', [eventsTopic]);

          const before = handled.length;
          armFailpoints(`projector.${step}:${moment}`);
          // The rest in slices, so that messages keep arriving while the failed batch waits for its retry.
          const rest = feed.messages.slice(half);
          for (let i = 0; i < rest.length; i += Math.ceil(rest.length / 4)) {
            await send(rest.slice(i, i + Math.ceil(rest.length / 4)));
            await new Promise((resolve) => setTimeout(resolve, 250));
          }
          sent.push(...feed.validMessages);
          const expected = expectedOutcome(sent);
          expect(await drainTo(store, expected, DRAIN_TIMEOUT_MS, `projector.${step}:${moment}`)).toEqual(
            expected.journeys,
          );

          expect(failpointFired(`projector.${step}`)).toBe(1);
          expect(pipeline.fatal).toEqual([]);
          const batches = handled.slice(before);
          const failed = batches.filter((b) => b.outcome === 'failed');
          expect(failed).toHaveLength(1);
          const retry = batches.find(
            (b) => b.outcome === 'done' && b.partition === failed[0].partition && b.first === failed[0].first,
          );
          expect(retry).toBeDefined();
          longerRetries.push(retry!.size > failed[0].size);

          // Every event version logged exactly once, and nothing a rebuild would change.
          let copies = 0;
          for await (const [, , extra] of new EventLogRepository(store).byContainer()) {
            copies += extra;
          }
          expect(copies).toBe(0);
          expect(await new EventLogRepository(store).count()).toBe(expected.events.size);
          const rebuild = await rebuildJourneys({
            eventLog: new EventLogRepository(store),
            journeys: new JourneysRepository(store),
          });
          expect(rebuild.differing).toEqual([]);
        },
        DRAIN_TIMEOUT_MS + 60_000,
      );
    }
  }

  it('had retries that carried more events than the try that failed', () => {
    expect(longerRetries.filter(Boolean).length).toBeGreaterThan(0);
  });
});

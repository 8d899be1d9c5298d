import type { Connection } from 'mongoose';
import { TOPICS, type EdiReply, type Journey } from '@mmt/contracts';
import { connectStore } from '@mmt/store';
import { asEdifact, simulate, type FeedMessage, type Simulation } from '@mmt/simulator';
import { sendSimulation } from '../apps/simulator/src/send-simulation';
import { expectedOutcome } from './support/ground-truth';
import { readDeadLetters, readTopicToEnd } from './support/dead-letters';
import { drainTo } from './support/drain';
import { TestPipeline } from './support/pipeline';

const DRAIN_TIMEOUT_MS = 70_000;

describe('A simulated month through UN/EDIFACT (simulator --format edifact, edi service, real Kafka and store)', () => {
  const pipeline = new TestPipeline('edi-pipeline');
  let store: Connection;
  let simulation: Simulation;
  let feed: FeedMessage[];
  let expected: ReturnType<typeof expectedOutcome>;
  let stored: Journey[] = [];

  beforeAll(async () => {
    store = await connectStore(pipeline.config.mongodbUri);
    simulation = simulate({
      journeys: 60,
      seed: 27,
      start: '2026-03-02T08:00:00+08:00',
      shuffle: 0.2,
      duplicates: 0.1,
      lateManifests: 0.3,
      conveyanceReports: true,
      invalid: 0.02,
    });
    feed = asEdifact(simulation.messages);
    expected = expectedOutcome(simulation.validMessages);
    await pipeline.startEdi();
    await pipeline.start();
    await sendSimulation(pipeline.kafka, pipeline.topics, feed, { rate: 0 });
    stored = await drainTo(store, expected, DRAIN_TIMEOUT_MS, 'edi-pipeline');
  }, DRAIN_TIMEOUT_MS + 30_000);

  afterAll(async () => {
    await pipeline.stop(store);
    await store.close();
  });

  it('sent the loading, in-transit and manifest traffic of a month as interchanges', () => {
    const interchanges = feed.filter((m) => m.topic === TOPICS.rawEdifact);
    expect(interchanges.length).toBeGreaterThan(feed.length / 2);
    const times = simulation.validMessages.map((m) => Date.parse(m.eventTime));
    expect((Math.max(...times) - Math.min(...times)) / 86_400_000).toBeGreaterThanOrEqual(28);
    expect(new Set(interchanges.map((m) => m.value.toString('utf8').match(/UNH\+1\+([A-Z]+)/)?.[1]))).toEqual(
      new Set(['COARRI', 'CODECO', 'IFTSTA', 'CUSCAR']),
    );
  });

  it('stores every journey equal to the fold of the simulator ground truth, as the JSON feed does', () => {
    expect(pipeline.fatal).toEqual([]);
    expect(stored.length).toBe(expected.journeys.length);
    expect(stored).toEqual(expected.journeys);
  });

  it('accepts every interchange (a duplicate as a resend) and dead-letters only the invalid JSON messages', async () => {
    await pipeline.waitUntilCommittedToEnd('edi', [pipeline.topics.name(TOPICS.rawEdifact)]);
    const replies = await readTopicToEnd<EdiReply>(pipeline, pipeline.topics.name(TOPICS.ediReplies));
    expect(replies).toHaveLength(feed.filter((m) => m.topic === TOPICS.rawEdifact).length);
    expect(replies.filter((r) => !r.accepted || r.reasons.length > 0)).toEqual([]);
    expect(replies.some((r) => r.duplicate)).toBe(true);
    const letters = await readDeadLetters(pipeline);
    expect(new Set(letters.map((l) => l.originalBase64))).toEqual(
      new Set(simulation.messages.filter((m) => !m.valid).map((m) => m.value.toString('base64'))),
    );
  });
});

import type { Connection } from 'mongoose';
import type { Journey } from '@mmt/contracts';
import { connectStore, EventLogRepository, eventsOfPage, JourneysRepository, type EventLogPage } from '@mmt/store';
import { simulate, type Simulation } from '@mmt/simulator';
import { sendSimulation } from '../apps/simulator/src/send-simulation';
import { rebuildJourneys } from '../apps/projector/src/rebuild-journeys';
import { expectedOutcome } from './support/ground-truth';
import { expectOneLetterPerRawMessage, readDeadLetters } from './support/dead-letters';
import { drainTo } from './support/drain';
import { TestPipeline } from './support/pipeline';

const DRAIN_TIMEOUT_MS = 8 * 60_000;

describe('Tracking pipeline end to end (real Kafka, real store)', () => {
  const pipeline = new TestPipeline('pipeline');
  let store: Connection;
  let simulation: Simulation;
  let expected: ReturnType<typeof expectedOutcome>;
  let stored: Journey[] = [];

  beforeAll(async () => {
    store = await connectStore(pipeline.config.mongodbUri);
    simulation = simulate({
      journeys: 300,
      seed: 42,
      start: '2026-03-02T08:00:00+08:00',
      shuffle: 0.2,
      duplicates: 0.1,
      lateManifests: 0.3,
      conveyanceReports: true,
      invalid: 0.02,
    });
    expected = expectedOutcome(simulation.validMessages);
    await pipeline.start();
    await sendSimulation(pipeline.kafka, pipeline.topics, simulation.messages, { rate: 0 });

    stored = await drainTo(store, expected, DRAIN_TIMEOUT_MS, 'pipeline');
  }, DRAIN_TIMEOUT_MS + 60_000);

  afterAll(async () => {
    await pipeline.stop(store);
    await store.close();
  });

  it('was fed at least 300 journeys over the three corridors, with every kind of disorder', () => {
    const corridors = simulation.journeysByCorridor;
    expect(
      corridors.CHINA_EUROPE_RAIL + corridors.LAND_SEA_CORRIDOR + corridors.YANGTZE_RIVER_SEA,
    ).toBeGreaterThanOrEqual(300);
    expect(Object.values(corridors).every((n) => n > 0)).toBe(true);
    expect(simulation.messages.filter((m) => !m.valid).length).toBeGreaterThan(0);
    expect(simulation.messages.length).toBeGreaterThan(simulation.validMessages.length);
  });

  it('holds each valid event exactly once in the event log', async () => {
    const pages = await store.collection<EventLogPage>('events').find({}).toArray();
    const ids = pages.flatMap((page) => eventsOfPage(page).map((event) => event.eventId));
    expect(ids.length).toBe(new Set(ids).size);
    expect(new Set(ids)).toEqual(new Set(expected.events.keys()));
  });

  it('stores every journey equal to the fold of the simulator ground truth', () => {
    expect(stored.length).toBe(expected.journeys.length);
    expect(stored.map((j) => j.journeyId)).toEqual(expected.journeys.map((j) => j.journeyId));
    expect(stored).toEqual(expected.journeys);
  });

  it('dead-letters exactly the invalid messages, each with its reason and original bytes', async () => {
    const invalid = simulation.messages.filter((m) => !m.valid);
    const letters = await readDeadLetters(pipeline);
    expectOneLetterPerRawMessage(letters);
    expect(new Set(letters.map((l) => l.originalBase64))).toEqual(
      new Set(invalid.map((m) => m.value.toString('base64'))),
    );
    expect(letters.every((l) => l.reason.length > 0 && l.sourceTopic.includes('raw.'))).toBe(true);
  });

  it('rebuilds from the event log to identical journeys', async () => {
    const report = await rebuildJourneys({
      eventLog: new EventLogRepository(store),
      journeys: new JourneysRepository(store),
    });
    expect(report.journeys).toBe(expected.journeys.length);
    expect(report.differing).toEqual([]);
  });
});

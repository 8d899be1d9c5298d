import type { Connection } from 'mongoose';
import { isDeepStrictEqual } from 'node:util';
import { simulate } from '@mmt/simulator';
import { connectStore, EventLogRepository, JourneysRepository } from '@mmt/store';
import { sendSimulation } from '../apps/simulator/src/send-simulation';
import { expectedOutcome } from './support/ground-truth';
import { waitFor } from './support/graphql-client';
import { TestPipeline } from './support/pipeline';

/**
 * Partitions move between projectors while events flow: a second projector joins mid-stream, then leaves
 * (its batches in flight are redone by the one that takes its partitions over). The result must still be
 * exactly the ground truth, with each event logged once.
 */
describe('Projector under rebalances (real Kafka, real store)', () => {
  const pipeline = new TestPipeline('rebalance');
  let store: Connection;

  beforeAll(async () => {
    store = await connectStore(pipeline.config.mongodbUri);
    await pipeline.start();
  });

  afterAll(async () => {
    await pipeline.stop(store);
    await store.close();
  });

  it(
    'ends with the ground-truth journeys after a projector joins and leaves mid-stream',
    async () => {
      const simulation = simulate({
        journeys: 120,
        seed: 9,
        start: '2026-06-01T08:00:00+08:00',
        shuffle: 0.2,
        duplicates: 0.1,
        lateManifests: 0.3,
        conveyanceReports: true,
        invalid: 0,
      });
      const expected = expectedOutcome(simulation.validMessages);
      const eventLog = new EventLogRepository(store);
      const third = Math.floor(simulation.messages.length / 3);

      await sendSimulation(pipeline.kafka, pipeline.topics, simulation.messages.slice(0, third), { rate: 0 });
      const stopSecond = await pipeline.startProjector();
      await sendSimulation(pipeline.kafka, pipeline.topics, simulation.messages.slice(third, 2 * third), { rate: 0 });
      await waitFor(
        'the second projector to take part',
        async () => (await eventLog.count()) > expected.events.size / 3,
      );
      await stopSecond();
      await sendSimulation(pipeline.kafka, pipeline.topics, simulation.messages.slice(2 * third), { rate: 0 });

      const journeys = new JourneysRepository(store);
      await waitFor(
        'the journeys to reach the ground truth',
        async () =>
          (await eventLog.count()) === expected.events.size &&
          isDeepStrictEqual(await journeys.all(), expected.journeys),
        6 * 60_000,
      ).catch(() => undefined);
      expect(await eventLog.count()).toBe(expected.events.size);
      expect(await journeys.all()).toEqual(expected.journeys);
    },
    8 * 60_000,
  );
});

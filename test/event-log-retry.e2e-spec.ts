import type { Connection } from 'mongoose';
import { armFailpoints, disarmFailpoints, failpointFired, FailpointError } from '@mmt/config';
import { eventVersionKey, type TrackingEvent } from '@mmt/contracts';
import { foldJourneys } from '@mmt/journey';
import { simulate } from '@mmt/simulator';
import {
  EventLogRepository,
  eventsOfPage,
  JourneysRepository,
  type EventLogPage,
  dropDatabaseInSteps,
} from '@mmt/store';
import { ContainerStateCache } from '../apps/projector/src/container-state';
import { projectBatch, type ProjectionStores } from '../apps/projector/src/project-batch';
import { rebuildJourneys } from '../apps/projector/src/rebuild-journeys';
import { expectedOutcome } from './support/ground-truth';
import { testDatabase } from './support/infra';

/**
 * The projector's event log under a failed batch and its retry, on the real store: kafkajs retries a failed
 * batch in the same process from the same offset, often with more messages than the first try. Whatever step
 * failed, and whether the failed call reached the store or not, the log must end with every event version
 * exactly once, the journeys must be what the log folds to, and a rebuild must change nothing.
 */
describe('Event log: a failed batch retried in the same process (real store)', () => {
  const simulation = simulate({
    journeys: 12,
    seed: 22,
    start: '2026-05-04T08:00:00+08:00',
    shuffle: 0.2,
    duplicates: 0.1,
    lateManifests: 0.3,
    conveyanceReports: true,
    invalid: 0,
  });
  const events = [...expectedOutcome(simulation.validMessages).events.values()];
  let store: Connection;

  beforeAll(async () => {
    store = await testDatabase('event-log-retry');
  });

  afterEach(() => disarmFailpoints());

  afterAll(async () => {
    await dropDatabaseInSteps(store);
    await store.close();
  });

  /** The projector's stores on a database of their own, so that each case starts from an empty log. */
  function caseStores(name: string): ProjectionStores & { pages: () => Promise<EventLogPage[]> } {
    const db = store.useDb(`${store.name}_${name}`.slice(0, 60), { useCache: false });
    return {
      eventLog: new EventLogRepository(db),
      journeys: new JourneysRepository(db),
      pages: () => db.collection<EventLogPage>('events').find({}).toArray(),
    };
  }

  /** How many copies of each event version the log's pages hold, read straight from the collection. */
  async function copiesOf(stores: ReturnType<typeof caseStores>): Promise<Map<string, number>> {
    const copies = new Map<string, number>();
    for (const page of await stores.pages()) {
      for (const event of eventsOfPage(page)) {
        copies.set(eventVersionKey(event), (copies.get(eventVersionKey(event)) ?? 0) + 1);
      }
    }
    return copies;
  }

  async function expectExactLog(
    stores: ReturnType<typeof caseStores>,
    logged: readonly TrackingEvent[],
  ): Promise<void> {
    const copies = await copiesOf(stores);
    const expected = new Set(logged.map(eventVersionKey));
    expect([...copies.keys()].sort()).toEqual([...expected].sort());
    expect([...copies.entries()].filter(([, n]) => n !== 1)).toEqual([]);
    const journeys = foldJourneys([...logged]);
    journeys.sort((a, b) => (a.journeyId < b.journeyId ? -1 : 1));
    expect(await stores.journeys.all()).toEqual(journeys);
    const rebuild = await rebuildJourneys(stores);
    expect(rebuild.differing).toEqual([]);
  }

  const steps = ['appendEvents', 'publishUpdates', 'saveJourneys', 'deleteJourneys'] as const;
  const moments = ['once', 'once-after'] as const;

  for (const step of steps) {
    for (const moment of moments) {
      it(`keeps every event once when projector.${step} fails (${moment}) and the retry carries more events`, async () => {
        const stores = caseStores(`${step}_${moment}`.replace(/-/g, '_'));
        const cache = new ContainerStateCache();
        const published: string[] = [];
        const publish = (changed: readonly { journey: { journeyId: string } }[]) => {
          published.push(...changed.map((c) => c.journey.journeyId));
          return Promise.resolve();
        };
        const third = Math.floor(events.length / 3);
        await projectBatch(events.slice(0, third), stores, cache, publish);

        armFailpoints(`projector.${step}:${moment}`);
        await expect(projectBatch(events.slice(third, 2 * third), stores, cache, publish)).rejects.toBeInstanceOf(
          FailpointError,
        );
        expect(failpointFired(`projector.${step}`)).toBe(1);
        // The retry: the same first offset, and the messages that arrived meanwhile.
        await projectBatch(events.slice(third), stores, cache, publish);
        await expectExactLog(stores, events);
        // Subscribers were told of every journey that is stored, whatever was lost with the failed try.
        const stored = (await stores.journeys.all()).map((j) => j.journeyId);
        expect(stored.filter((id) => !published.includes(id))).toEqual([]);

        // A replay of everything changes nothing and logs nothing twice.
        await projectBatch(events, stores, new ContainerStateCache(), publish);
        await expectExactLog(stores, events);
      });
    }
  }

  it('keeps every event when two projectors overlap on a container during a rebalance', async () => {
    const stores = caseStores('overlap');
    const byContainer = new Map<string, TrackingEvent[]>();
    for (const event of events) {
      byContainer.set(event.containerNo, [...(byContainer.get(event.containerNo) ?? []), event]);
    }
    const [containerNo, own] = [...byContainer].sort((a, b) => b[1].length - a[1].length)[0];
    expect(own.length).toBeGreaterThan(4);
    const half = Math.floor(own.length / 2);
    // The new owner read the container before the old owner's last batch was written, then writes a longer one.
    const newOwner = new ContainerStateCache();
    newOwner.set(containerNo, { events: new Map(), journeys: new Map() });
    await projectBatch(own.slice(0, half), stores, new ContainerStateCache(), () => Promise.resolve());
    await projectBatch(own, stores, newOwner, () => Promise.resolve());
    const logged = new Set((await stores.eventLog.ofContainer(containerNo)).map(eventVersionKey));
    expect([...logged].sort()).toEqual(own.map(eventVersionKey).sort());
  });
});

import type { Connection } from 'mongoose';
import type { Journey } from '@mmt/contracts';
import { foldJourneys } from '@mmt/journey';
import { journeyDocument, JourneysRepository, type JourneyDocument } from '@mmt/store';
import { ContainersNowCounter } from '../apps/gateway/src/statistics/containers-now';
import { testDatabase } from './support/infra';
import { simulatedHistory } from './support/simulated-history';

/** The dashboard map's counts, on the real store: every unfinished journey counted once, where it is now. */
describe('containersNow (real store)', () => {
  let db: Connection;
  let journeys: Journey[];

  beforeAll(async () => {
    db = await testDatabase('containers_now');
    // The store as it was ten days into a simulated month: journeys of every status, many of them on their way.
    const history = simulatedHistory({ journeys: 200, seed: 4, start: '2026-03-02T09:00:00+08:00' });
    const cut = Date.parse('2026-03-12T00:00:00+08:00');
    journeys = foldJourneys(history.events.filter((e) => Date.parse(e.eventDateTime) < cut));
    await db.collection<JourneyDocument>('journeys').insertMany(journeys.map(journeyDocument));
  }, 120_000);

  afterAll(async () => {
    await db.dropDatabase();
    await db.close();
  });

  it('counts the containers at each place and on the way per corridor, as the journeys say', async () => {
    const unfinished = journeys.filter((j) => ['AT_ORIGIN', 'IN_TRANSIT', 'AT_HUB', 'ARRIVED'].includes(j.status));
    expect(unfinished.length).toBeGreaterThan(0);
    const expectedAt = new Map<string, number>();
    const expectedOnTheWay = new Map<string, number>();
    for (const j of unfinished) {
      if (j.status === 'IN_TRANSIT') {
        expectedOnTheWay.set(j.corridor ?? 'UNKNOWN', (expectedOnTheWay.get(j.corridor ?? 'UNKNOWN') ?? 0) + 1);
      } else if (j.currentPlace) {
        expectedAt.set(j.currentPlace.locode, (expectedAt.get(j.currentPlace.locode) ?? 0) + 1);
      }
    }
    const counts = await new ContainersNowCounter(new JourneysRepository(db)).count();
    const asMap = (rows: readonly { containers: number }[], key: (r: never) => string) =>
      Object.fromEntries(rows.map((r) => [key(r as never), r.containers]));
    expect(asMap(counts.atPlaces, (r: { locode: string }) => r.locode)).toEqual(Object.fromEntries(expectedAt));
    expect(asMap(counts.onTheWay, (r: { corridor: string }) => r.corridor)).toEqual(
      Object.fromEntries(expectedOnTheWay),
    );
    expect(counts.onTheWay.length + counts.atPlaces.length).toBeGreaterThan(0);
  });
});

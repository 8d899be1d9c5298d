import type { Connection } from 'mongoose';
import type { Journey } from '@mmt/contracts';
import { foldJourneys } from '@mmt/journey';
import { journeyDocument, JourneysRepository, type JourneyDocument, dropDatabaseInSteps } from '@mmt/store';
import { ContainersNowCounter } from '../apps/gateway/src/statistics/containers-now';
import { testDatabase } from './support/infra';
import { simulatedHistory } from './support/simulated-history';

const ON_THE_WAY = ['AT_ORIGIN', 'IN_TRANSIT', 'AT_HUB'];
const STALE_AFTER_HOURS = 72;

/** A copy of a journey last heard of long ago, under another container number or the same one. */
function lastHeardOf(
  journey: Journey,
  at: string,
  containerNo = journey.containerNo.replace(/^..../, 'ZZZU'),
): Journey {
  return { ...journey, journeyId: `${containerNo}/OLD:${journey.journeyId}`, containerNo, lastActualEventAt: at };
}

/** When the journey was last heard of: its newest actual event. */
const heardOf = (j: Journey) => Date.parse(j.lastActualEventAt!);

/** Each container's most recent journey on its way. */
function latestOnTheWay(journeys: readonly Journey[]): Map<string, Journey> {
  const latest = new Map<string, Journey>();
  for (const j of journeys.filter((j) => ON_THE_WAY.includes(j.status))) {
    const known = latest.get(j.containerNo);
    if (known === undefined || heardOf(known) < heardOf(j)) {
      latest.set(j.containerNo, j);
    }
  }
  return latest;
}

/** The dashboard map's counts, on the real store: each container on its way counted once, where it is now. */
describe('containersNow (real store)', () => {
  let db: Connection;
  let journeys: Journey[];
  let counter: ContainersNowCounter;

  beforeAll(async () => {
    db = await testDatabase('containers_now');
    // The store as it was two weeks into a simulated month: journeys of every status, many of them on their way.
    const history = simulatedHistory({ journeys: 200, seed: 4, start: '2026-03-02T09:00:00+08:00' });
    const cut = Date.parse('2026-03-15T00:00:00+08:00');
    const current = foldJourneys(history.events.filter((e) => Date.parse(e.eventDateTime) < cut));
    const onTheWay = current.filter((j) => ON_THE_WAY.includes(j.status));
    journeys = [
      ...current,
      // Never heard of again since 2024: stale, apart from the others.
      ...onTheWay.slice(0, 5).map((j) => lastHeardOf(j, '2024-08-20T10:00:00+08:00')),
      // An older unfinished journey of a container now on a newer one: it is where the newer one says.
      ...onTheWay.slice(5, 8).map((j) => lastHeardOf(j, '2026-02-01T10:00:00+08:00', j.containerNo)),
    ];
    await db.collection<JourneyDocument>('journeys').insertMany(journeys.map(journeyDocument));
    counter = new ContainersNowCounter(new JourneysRepository(db), STALE_AFTER_HOURS);
  }, 120_000);

  afterAll(async () => {
    await dropDatabaseInSteps(db);
    await db.close();
  });

  it('counts each container on its way once, at its place or on its corridor, the stale ones apart', async () => {
    const asOf = Math.max(...journeys.map(heardOf));
    const staleBefore = asOf - STALE_AFTER_HOURS * 3_600_000;
    const latest = latestOnTheWay(journeys);
    const expectedAt = new Map<string, [number, number]>();
    const expectedOnTheWay = new Map<string, [number, number]>();
    for (const j of latest.values()) {
      const [table, key] =
        j.status === 'IN_TRANSIT' ? [expectedOnTheWay, j.corridor ?? 'UNKNOWN'] : [expectedAt, j.currentPlace!.locode];
      const [fresh, stale] = table.get(key) ?? [0, 0];
      table.set(key, heardOf(j) < staleBefore ? [fresh, stale + 1] : [fresh + 1, stale]);
    }
    const counts = await counter.count(Date.parse('2026-12-03T00:00:00Z'));
    expect(counts.asOf).toBe(new Date(asOf).toISOString());
    const read = (rows: readonly { containers: number; staleContainers: number }[], key: (r: never) => string) =>
      Object.fromEntries(rows.map((r) => [key(r as never), [r.containers, r.staleContainers]]));
    expect(read(counts.atPlaces, (r: { locode: string }) => r.locode)).toEqual(Object.fromEntries(expectedAt));
    expect(read(counts.onTheWay, (r: { corridor: string }) => r.corridor)).toEqual(
      Object.fromEntries(expectedOnTheWay),
    );
    const stale = [...counts.atPlaces, ...counts.onTheWay].reduce((sum, r) => sum + r.staleContainers, 0);
    expect(stale).toBeGreaterThanOrEqual(5);
    expect(counts.atPlaces.some((r) => r.containers > 0)).toBe(true);
  });

  it('leaves out every journey that has ended, and says how old each place news is', async () => {
    const counts = await counter.count(Date.parse('2026-12-03T00:00:01Z'));
    const total = [...counts.atPlaces, ...counts.onTheWay].reduce((s, r) => s + r.containers + r.staleContainers, 0);
    const latest = latestOnTheWay(journeys);
    expect(total).toBe(latest.size);
    expect(journeys.some((j) => ['ARRIVED', 'COMPLETED'].includes(j.status))).toBe(true);
    for (const row of counts.atPlaces) {
      const here = [...latest.values()].filter(
        (j) => j.status !== 'IN_TRANSIT' && j.currentPlace?.locode === row.locode,
      );
      const newest = Math.max(...here.map(heardOf));
      expect([row.locode, row.newestEventAt]).toEqual([row.locode, new Date(newest).toISOString()]);
    }
  });
});

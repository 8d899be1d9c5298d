import fc from 'fast-check';
import { addTotals, BucketDeltas, bucketId, emptyTotals, type MetricsTotals, type MetricTotals } from './bucket-deltas';
import { METRICS, type Fact, type Metric } from './journey-facts';
import { sketchKey } from './sketch';

const factArbitrary: fc.Arbitrary<Fact> = fc
  .record({
    metric: fc.constantFrom(...METRICS),
    corridor: fc.constantFrom('LAND_SEA_CORRIDOR', 'CHINA_EUROPE_RAIL'),
    locode: fc.constantFrom('CNQZH', 'CNCQI', 'SGSIN'),
    direction: fc.constantFrom('EXPORT', 'IMPORT'),
    at: fc
      .integer({ min: 0, max: 60 * 24 })
      .map((hours) => new Date(Date.UTC(2026, 1, 20) + hours * 3_600_000).toISOString()),
    teu: fc.constantFrom(0, 1, 2, 2.25),
    minutes: fc.option(fc.integer({ min: 0, max: 200_000 }), { nil: undefined }),
  })
  .map(({ minutes, ...fact }) => (minutes === undefined ? fact : { ...fact, minutes }) as Fact);

/** Journeys, each a list of versions (fact lists), and the order their versions arrive in, replays included. */
const historyArbitrary = fc
  .array(fc.array(fc.array(factArbitrary, { maxLength: 6 }), { minLength: 1, maxLength: 4 }), {
    minLength: 1,
    maxLength: 5,
  })
  .chain((journeys) => {
    const updates = journeys.flatMap((versions, journey) => versions.map((_, version) => ({ journey, version })));
    // In order per journey (as on one partition), interleaved across journeys; then a replay of a suffix.
    return fc
      .shuffledSubarray(updates, { minLength: updates.length, maxLength: updates.length })
      .map((shuffled) => {
        const next = journeys.map(() => 0);
        return shuffled.map(({ journey }) => ({ journey, version: next[journey]++ }));
      })
      .chain((ordered) =>
        fc.nat({ max: ordered.length }).map((from) => ({ journeys, arrivals: [...ordered, ...ordered.slice(from)] })),
      );
  });

/** Bucket totals as the store's `$inc` leaves them, with the metrics that came back to zero left out. */
type Buckets = Map<string, Partial<Record<Metric, MetricTotals>>>;

/** A month's totals under its bucket id, each day's under `<bucket id>|<day key>`. */
function applyAll(buckets: Buckets, deltas: BucketDeltas): void {
  const add = (id: string, change: MetricsTotals) => {
    const metrics = buckets.get(id) ?? {};
    for (const [metric, totals] of Object.entries(change) as [Metric, MetricTotals][]) {
      addTotals((metrics[metric] ??= emptyTotals()), totals);
    }
    buckets.set(id, metrics);
  };
  for (const delta of deltas.list()) {
    add(bucketId(delta.key), delta.metrics);
    Object.entries(delta.days).forEach(([day, change]) => add(`${bucketId(delta.key)}|${day}`, change));
  }
}

function summary(buckets: Buckets) {
  return [...buckets.entries()]
    .map(([id, metrics]) => ({
      id,
      metrics: Object.fromEntries(
        Object.entries(metrics).filter(
          ([, t]) => t.count !== 0 || t.teu !== 0 || t.minutes !== 0 || Object.keys(t.sketch).length > 0,
        ),
      ),
    }))
    .filter((bucket) => Object.keys(bucket.metrics).length > 0)
    .sort((a, b) => a.id.localeCompare(b.id));
}

describe('statistics buckets kept incrementally', () => {
  it('equal the buckets of the latest versions alone, whatever the interleaving and replays', () => {
    fc.assert(
      fc.property(historyArbitrary, ({ journeys, arrivals }) => {
        const incremental: Buckets = new Map();
        const contributed = new Map<number, number>();
        arrivals.forEach(({ journey, version }) => {
          const before = contributed.get(journey);
          if (before === version) {
            return;
          }
          const deltas = new BucketDeltas()
            .remove(before === undefined ? [] : journeys[journey][before])
            .add(journeys[journey][version]);
          applyAll(incremental, deltas);
          contributed.set(journey, version);
        });

        const batch: Buckets = new Map();
        const latest = new BucketDeltas();
        journeys.forEach((versions) => latest.add(versions.at(-1)!));
        applyAll(batch, latest);

        expect(summary(incremental)).toEqual(summary(batch));
      }),
      { numRuns: 300 },
    );
  });

  it('skip nothing and count nothing twice when facts cancel within one change', () => {
    const fact: Fact = {
      metric: 'clearance',
      corridor: 'LAND_SEA_CORRIDOR',
      locode: 'CNQZH',
      direction: 'EXPORT',
      at: '2026-03-05T04:30:00Z',
      teu: 2,
      minutes: 90,
    };
    expect(new BucketDeltas().remove([fact]).add([fact]).list()).toEqual([]);
    const moved = new BucketDeltas()
      .remove([fact])
      .add([{ ...fact, minutes: 120 }])
      .list();
    expect(moved).toHaveLength(1);
    expect(moved[0].days.d05.clearance).toEqual(moved[0].metrics.clearance);
    expect(moved[0].metrics.clearance).toEqual({
      count: 0,
      teu: 0,
      minutes: 30,
      sketch: { [sketchKey(120)]: 1, [sketchKey(90)]: -1 },
    });
  });
});

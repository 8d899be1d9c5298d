import { isDeepStrictEqual } from 'node:util';
import type { Journey } from '@mmt/contracts';
import { addTotals, BucketDeltas, bucketId, emptyTotals, type MetricsTotals, type MetricTotals } from './bucket-deltas';
import { journeyFacts, type Metric } from './journey-facts';
import type { StatisticsRepository } from './statistics.repository';

/** Statistics totals by bucket: `<bucket id>` for a month's totals, `<bucket id>|<day key>` for a day's. */
export type TotalsById = Record<string, MetricsTotals>;

/**
 * The statistics of a set of journeys computed from their facts alone, added journey by journey: what the
 * stored buckets must hold for those journeys, whatever order or batches the analytics service saw them in.
 * For audits and tests.
 */
export class StatisticsTotals {
  private readonly byId: TotalsById = {};

  add(journey: Journey): this {
    for (const delta of new BucketDeltas().add(journeyFacts(journey)).list()) {
      this.addTo(bucketId(delta.key), delta.metrics);
      Object.entries(delta.days).forEach(([day, change]) => this.addTo(`${bucketId(delta.key)}|${day}`, change));
    }
    return this;
  }

  /** The totals, without those that are all zero. */
  totals(): TotalsById {
    return nonZero(this.byId);
  }

  private addTo(id: string, change: MetricsTotals): void {
    const metrics = (this.byId[id] ??= {});
    for (const [metric, totals] of Object.entries(change) as [Metric, MetricTotals][]) {
      addTotals((metrics[metric] ??= emptyTotals()), totals);
    }
  }
}

/** The stored statistics in the same form, months and days, without totals that are all zero. */
export async function storedTotals(statistics: StatisticsRepository): Promise<TotalsById> {
  const { months, days } = await statistics.all();
  return nonZero(
    Object.fromEntries([
      ...months.map((doc): [string, MetricsTotals] => [doc._id, doc.metrics]),
      ...days.flatMap((doc) =>
        Object.entries(doc.days).map(([day, metrics]): [string, MetricsTotals] => [`${doc._id}|${day}`, metrics]),
      ),
    ]),
  );
}

/** Each bucket (or day) whose totals differ, with the metrics that differ. */
export function totalsDifferences(
  expected: TotalsById,
  actual: TotalsById,
): { readonly id: string; readonly metrics: Metric[] }[] {
  const ids = [...new Set([...Object.keys(expected), ...Object.keys(actual)])].sort();
  return ids
    .filter((id) => !isDeepStrictEqual(expected[id], actual[id]))
    .map((id) => {
      const [want, have] = [expected[id] ?? {}, actual[id] ?? {}];
      const metrics = new Set([...Object.keys(want), ...Object.keys(have)] as Metric[]);
      return { id, metrics: [...metrics].filter((m) => !isDeepStrictEqual(want[m], have[m])).sort() };
    });
}

/** Leaves out totals that are all zero: a bucket emptied by later changes is the same as no bucket. */
function nonZero(byId: TotalsById): TotalsById {
  const kept: TotalsById = {};
  for (const [id, metrics] of Object.entries(byId)) {
    const live = Object.entries(metrics).filter(
      ([, t]) => t.count !== 0 || t.teu !== 0 || t.minutes !== 0 || Object.values(t.sketch).some((n) => n !== 0),
    );
    if (live.length > 0) {
      kept[id] = Object.fromEntries(
        live.map(([metric, t]) => [
          metric,
          { ...t, sketch: Object.fromEntries(Object.entries(t.sketch).filter(([, n]) => n !== 0)) },
        ]),
      );
    }
  }
  return kept;
}

import { periodOf, GRANULARITIES, type Granularity } from './periods';
import type { CorridorOrUnknown, Direction, Fact, Metric } from './journey-facts';
import { addSketchCounts, sketchKey, type SketchCounts } from './sketch';

/** One bucket: a period of one granularity, under one corridor, hub and direction. */
export interface BucketKey {
  readonly granularity: Granularity;
  readonly period: string;
  readonly corridor: CorridorOrUnknown;
  readonly locode: string;
  readonly direction: Direction;
}

export function bucketId(key: BucketKey): string {
  return [key.granularity, key.period, key.corridor, key.locode, key.direction].join('|');
}

/** The totals of one metric in one bucket, or a change to them: exact counts and sums, and sketch counts. */
export interface MetricTotals {
  count: number;
  teu: number;
  minutes: number;
  sketch: SketchCounts;
}

export interface BucketDelta {
  readonly key: BucketKey;
  readonly metrics: Partial<Record<Metric, MetricTotals>>;
}

export function emptyTotals(): MetricTotals {
  return { count: 0, teu: 0, minutes: 0, sketch: {} };
}

/** Adds `change` into `into`. */
export function addTotals(into: MetricTotals, change: Readonly<MetricTotals>): MetricTotals {
  into.count += change.count;
  into.teu += change.teu;
  into.minutes += change.minutes;
  addSketchCounts(into.sketch, change.sketch);
  return into;
}

const isZero = (totals: MetricTotals) =>
  totals.count === 0 && totals.teu === 0 && totals.minutes === 0 && Object.keys(totals.sketch).length === 0;

/**
 * The change to the buckets when journeys' facts change: each old fact taken out, each new one put in. Facts
 * that a journey keeps cancel out, so an update that changes nothing a statistic sees touches no bucket.
 */
export class BucketDeltas {
  private readonly byId = new Map<string, BucketDelta>();

  add(facts: readonly Fact[]): this {
    facts.forEach((fact) => this.apply(fact, 1));
    return this;
  }

  remove(facts: readonly Fact[]): this {
    facts.forEach((fact) => this.apply(fact, -1));
    return this;
  }

  /** The buckets that change, without the metrics whose changes cancelled out. */
  list(): BucketDelta[] {
    const changed: BucketDelta[] = [];
    for (const { key, metrics } of this.byId.values()) {
      const kept = Object.entries(metrics).filter(([, totals]) => !isZero(totals));
      if (kept.length > 0) {
        changed.push({ key, metrics: Object.fromEntries(kept) });
      }
    }
    return changed;
  }

  private apply(fact: Fact, sign: 1 | -1): void {
    for (const granularity of GRANULARITIES) {
      const key: BucketKey = {
        granularity,
        period: periodOf(granularity, fact.at),
        corridor: fact.corridor,
        locode: fact.locode,
        direction: fact.direction,
      };
      const id = bucketId(key);
      const bucket = this.byId.get(id) ?? { key, metrics: {} };
      this.byId.set(id, bucket);
      addTotals((bucket.metrics[fact.metric] ??= emptyTotals()), {
        count: sign,
        teu: sign * fact.teu,
        minutes: sign * (fact.minutes ?? 0),
        sketch: fact.minutes === undefined ? {} : { [sketchKey(fact.minutes)]: sign },
      });
    }
  }
}

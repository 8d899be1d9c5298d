import { periodOf } from './periods';
import type { CorridorOrUnknown, Direction, Fact, Metric } from './journey-facts';
import { addSketchCounts, sketchKey, type SketchCounts } from './sketch';

/**
 * One bucket: a month (China Standard Time) under one corridor, hub and direction. It holds the month's totals
 * and each day's, so that a fact costs one write; a week is read from the days of its one or two months.
 */
export interface BucketKey {
  readonly month: string;
  readonly corridor: CorridorOrUnknown;
  readonly locode: string;
  readonly direction: Direction;
  /** A customs broker's bucket (its `declared` facts at the port): the broker's orgId, and its name. */
  readonly broker?: string;
  readonly brokerName?: string;
}

export function bucketId(key: BucketKey): string {
  const id = [key.month, key.corridor, key.locode, key.direction].join('|');
  return key.broker === undefined ? id : `${id}|broker:${key.broker}`;
}

/** The key of a day within its month's bucket: `d` and the day of the month, e.g. `d02`. */
export function dayKey(day: string): string {
  return `d${day.slice(8, 10)}`;
}

export type MetricsTotals = Partial<Record<Metric, MetricTotals>>;

/** The totals of one metric in one bucket, or a change to them: exact counts and sums, and sketch counts. */
export interface MetricTotals {
  count: number;
  teu: number;
  minutes: number;
  sketch: SketchCounts;
}

export interface BucketDelta {
  readonly key: BucketKey;
  /** The month's totals. */
  readonly metrics: MetricsTotals;
  /** Each day's, by dayKey. */
  readonly days: Readonly<Record<string, MetricsTotals>>;
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

  /** The buckets that change, without the metrics (and days) whose changes cancelled out. */
  list(): BucketDelta[] {
    const changed: BucketDelta[] = [];
    for (const { key, metrics, days } of this.byId.values()) {
      const keptDays = Object.entries(days)
        .map(([day, ofDay]) => [day, nonZero(ofDay)] as const)
        .filter(([, ofDay]) => Object.keys(ofDay).length > 0);
      const kept = nonZero(metrics);
      if (Object.keys(kept).length > 0 || keptDays.length > 0) {
        changed.push({ key, metrics: kept, days: Object.fromEntries(keptDays) });
      }
    }
    return changed;
  }

  private apply(fact: Fact, sign: 1 | -1): void {
    const key: BucketKey = {
      month: periodOf('MONTH', fact.at),
      corridor: fact.corridor,
      locode: fact.locode,
      direction: fact.direction,
      ...(fact.broker === undefined ? {} : { broker: fact.broker, brokerName: fact.brokerName ?? fact.broker }),
    };
    const id = bucketId(key);
    const bucket = this.byId.get(id) ?? { key, metrics: {}, days: {} };
    this.byId.set(id, bucket);
    const change: MetricTotals = {
      count: sign,
      teu: sign * fact.teu,
      minutes: sign * (fact.minutes ?? 0),
      sketch: fact.minutes === undefined ? {} : { [sketchKey(fact.minutes)]: sign },
    };
    const day = ((bucket.days as Record<string, MetricsTotals>)[dayKey(periodOf('DAY', fact.at))] ??= {});
    addTotals((bucket.metrics[fact.metric] ??= emptyTotals()), change);
    addTotals((day[fact.metric] ??= emptyTotals()), { ...change, sketch: { ...change.sketch } });
  }
}

function nonZero(metrics: MetricsTotals): MetricsTotals {
  return Object.fromEntries(Object.entries(metrics).filter(([, totals]) => !isZero(totals)));
}

import { periodOf, GRANULARITIES, type Granularity } from './periods';
import type { CorridorOrUnknown, Direction, Fact, Metric } from './journey-facts';
import { sketchValue } from './sketch';

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

/** How one metric of one bucket changes: exact counts and sums, and the durations to add to or take from its sketch. */
export interface MetricDelta {
  count: number;
  teu: number;
  minutes: number;
  added: number[];
  removed: number[];
}

export interface BucketDelta {
  readonly key: BucketKey;
  readonly metrics: Partial<Record<Metric, MetricDelta>>;
}

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
    for (const delta of this.byId.values()) {
      const metrics: Partial<Record<Metric, MetricDelta>> = {};
      for (const [metric, change] of Object.entries(delta.metrics) as [Metric, MetricDelta][]) {
        const cancelled = cancel(change.added, change.removed);
        if (change.count !== 0 || change.teu !== 0 || change.minutes !== 0 || cancelled.added.length > 0) {
          metrics[metric] = { ...change, ...cancelled };
        }
      }
      if (Object.keys(metrics).length > 0) {
        changed.push({ key: delta.key, metrics });
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
      const change = (bucket.metrics[fact.metric] ??= { count: 0, teu: 0, minutes: 0, added: [], removed: [] });
      change.count += sign;
      change.teu += sign * fact.teu;
      if (fact.minutes !== undefined) {
        change.minutes += sign * fact.minutes;
        (sign > 0 ? change.added : change.removed).push(sketchValue(fact.minutes));
      }
    }
  }
}

/** Values both added and removed drop out of both lists. */
function cancel(added: readonly number[], removed: readonly number[]): { added: number[]; removed: number[] } {
  const left = new Map<number, number>();
  removed.forEach((value) => left.set(value, (left.get(value) ?? 0) + 1));
  const kept: number[] = [];
  for (const value of added) {
    const count = left.get(value) ?? 0;
    if (count > 0) {
      left.set(value, count - 1);
    } else {
      kept.push(value);
    }
  }
  return { added: kept, removed: [...left].flatMap(([value, count]) => Array<number>(count).fill(value)) };
}

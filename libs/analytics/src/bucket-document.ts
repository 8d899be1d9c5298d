import { bucketId, type BucketDelta, type BucketKey } from './bucket-deltas';
import type { Metric } from './journey-facts';
import { decodeSketch, encodeSketch, newSketch } from './sketch';

export interface MetricTotals {
  readonly count: number;
  readonly teu: number;
  readonly minutes: number;
  /** The durations' sketch (compressed base64 HdrHistogram); empty when none. */
  readonly sketch: string;
}

/** `stats_buckets`: one small document per bucket; `marks` records the last change each writer applied. */
export interface BucketDocument extends BucketKey {
  readonly _id: string;
  readonly rev: number;
  readonly marks: Readonly<Record<string, number>>;
  readonly metrics: Partial<Record<Metric, MetricTotals>>;
}

/** The bucket after a delta, marked as applied by `writer` up to `seq`. */
export function applyDelta(
  current: BucketDocument | undefined,
  delta: BucketDelta,
  writer: string,
  seq: number,
): BucketDocument {
  const metrics: Partial<Record<Metric, MetricTotals>> = { ...current?.metrics };
  for (const [metric, change] of Object.entries(delta.metrics) as [
    Metric,
    NonNullable<BucketDelta['metrics'][Metric]>,
  ][]) {
    const before = metrics[metric] ?? { count: 0, teu: 0, minutes: 0, sketch: '' };
    let sketch = before.sketch;
    if (change.added.length > 0 || change.removed.length > 0) {
      const histogram = decodeSketch(before.sketch);
      change.added.forEach((value) => histogram.recordValue(value));
      if (change.removed.length > 0) {
        const removed = newSketch();
        change.removed.forEach((value) => removed.recordValue(value));
        histogram.subtract(removed);
        removed.destroy();
      }
      sketch = encodeSketch(histogram);
      histogram.destroy();
    }
    metrics[metric] = {
      count: before.count + change.count,
      teu: before.teu + change.teu,
      minutes: before.minutes + change.minutes,
      sketch,
    };
  }
  return {
    ...delta.key,
    _id: bucketId(delta.key),
    rev: (current?.rev ?? 0) + 1,
    marks: { ...current?.marks, [writer]: seq },
    metrics,
  };
}

import { build, type Histogram } from 'hdr-histogram-js';

/**
 * Durations in whole minutes, up to a year, in the buckets of an HdrHistogram (hdr-histogram-js) with 2
 * significant digits: a percentile read from it is within 1 % of the recorded value at that rank.
 *
 * A sketch is stored as its non-empty buckets, `{ v<lowest value of the bucket>: count }`, so that sketches add
 * and subtract exactly by adding counts (a journey that changes takes its old value out).
 */
export const SKETCH_SIGNIFICANT_DIGITS = 2;
export const SKETCH_RELATIVE_ERROR = 10 ** -SKETCH_SIGNIFICANT_DIGITS;
export const SKETCH_MAX_MINUTES = 366 * 24 * 60;

export type SketchCounts = Record<string, number>;

function newHistogram(): Histogram {
  return build({
    lowestDiscernibleValue: 1,
    highestTrackableValue: SKETCH_MAX_MINUTES,
    numberOfSignificantValueDigits: SKETCH_SIGNIFICANT_DIGITS,
    bitBucketSize: 32,
    autoResize: false,
  });
}

const reference = newHistogram() as Histogram & { lowestEquivalentValue(value: number): number };

/** The key of the sketch bucket a duration falls in; durations are clamped to 0 .. a year. */
export function sketchKey(minutes: number): string {
  const value = Math.min(SKETCH_MAX_MINUTES, Math.max(0, Math.round(minutes)));
  return `v${reference.lowestEquivalentValue(value)}`;
}

/** Adds `counts` (some may be negative) into `into`, dropping buckets that reach 0. */
export function addSketchCounts(into: SketchCounts, counts: Readonly<SketchCounts>): SketchCounts {
  for (const [key, count] of Object.entries(counts)) {
    const sum = (into[key] ?? 0) + count;
    if (sum === 0) {
      delete into[key];
    } else {
      into[key] = sum;
    }
  }
  return into;
}

export interface Percentiles {
  readonly p50: number;
  readonly p90: number;
  readonly p99: number;
}

/** The one histogram percentiles are read with, emptied before each read (a read is synchronous). */
const reading = newHistogram();

/** p50, p90, p99 of a sketch's durations (each the highest value its bucket stands for), or undefined if empty. */
export function percentilesOf(counts: Readonly<SketchCounts>): Percentiles | undefined {
  reading.reset();
  for (const [key, count] of Object.entries(counts)) {
    if (count > 0) {
      reading.recordValueWithCount(Number(key.slice(1)), count);
    }
  }
  if (reading.totalCount === 0) {
    return undefined;
  }
  return {
    p50: reading.getValueAtPercentile(50),
    p90: reading.getValueAtPercentile(90),
    p99: reading.getValueAtPercentile(99),
  };
}

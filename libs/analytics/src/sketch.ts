import { build, decodeFromCompressedBase64, encodeIntoCompressedBase64, type Histogram } from 'hdr-histogram-js';

/**
 * Durations in whole minutes, up to a year, kept in an HdrHistogram (hdr-histogram-js) with 3 significant
 * digits: a percentile read from it is within 0.1 % of the recorded value at that rank. Sketches add and
 * subtract exactly (a journey that changes takes its old value out), and encode to a short base64 string.
 */
export const SKETCH_SIGNIFICANT_DIGITS = 3;
export const SKETCH_RELATIVE_ERROR = 10 ** -SKETCH_SIGNIFICANT_DIGITS;
export const SKETCH_MAX_MINUTES = 366 * 24 * 60;

export function newSketch(): Histogram {
  return build({
    lowestDiscernibleValue: 1,
    highestTrackableValue: SKETCH_MAX_MINUTES,
    numberOfSignificantValueDigits: SKETCH_SIGNIFICANT_DIGITS,
    bitBucketSize: 'packed',
    autoResize: false,
  });
}

/** The value recorded for a duration: clamped to the sketch's range (0 and negatives as 0, over a year as a year). */
export function sketchValue(minutes: number): number {
  return Math.min(SKETCH_MAX_MINUTES, Math.max(0, Math.round(minutes)));
}

export function decodeSketch(encoded: string | undefined): Histogram {
  if (encoded === undefined || encoded === '') {
    return newSketch();
  }
  const decoded = decodeFromCompressedBase64(encoded, 'packed', false);
  const sketch = newSketch();
  sketch.add(decoded);
  decoded.destroy();
  return sketch;
}

export function encodeSketch(sketch: Histogram): string {
  return sketch.totalCount === 0 ? '' : encodeIntoCompressedBase64(sketch);
}

export interface Percentiles {
  readonly p50: number;
  readonly p90: number;
  readonly p99: number;
}

export function percentilesOf(sketch: Histogram): Percentiles | undefined {
  if (sketch.totalCount === 0) {
    return undefined;
  }
  return {
    p50: sketch.getValueAtPercentile(50),
    p90: sketch.getValueAtPercentile(90),
    p99: sketch.getValueAtPercentile(99),
  };
}

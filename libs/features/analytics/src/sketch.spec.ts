import fc from 'fast-check';
import { addSketchCounts, percentilesOf, sketchKey, SKETCH_RELATIVE_ERROR, type SketchCounts } from './sketch';

function exactPercentile(sorted: readonly number[], percentile: number): number {
  return sorted[Math.max(0, Math.ceil((percentile / 100) * sorted.length) - 1)];
}

describe('duration sketch', () => {
  it('gives each percentile within its stated relative error of the exact one', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 300_000 }), { minLength: 1, maxLength: 400 }), (minutes) => {
        const counts: SketchCounts = {};
        minutes.forEach((m) => addSketchCounts(counts, { [sketchKey(m)]: 1 }));
        const sorted = [...minutes].sort((a, b) => a - b);
        const read = percentilesOf(counts)!;
        for (const [p, value] of [
          [50, read.p50],
          [90, read.p90],
          [99, read.p99],
        ] as const) {
          const exact = exactPercentile(sorted, p);
          expect(Math.abs(value - exact)).toBeLessThanOrEqual(Math.max(1, exact * SKETCH_RELATIVE_ERROR));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('takes a value out exactly as it was put in', () => {
    const counts: SketchCounts = {};
    addSketchCounts(counts, { [sketchKey(125)]: 1, [sketchKey(4000)]: 2 });
    addSketchCounts(counts, { [sketchKey(4000)]: -2 });
    expect(counts).toEqual({ [sketchKey(125)]: 1 });
    expect(percentilesOf({})).toBeUndefined();
  });
});

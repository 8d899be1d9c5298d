import { Prng } from './prng';

describe(Prng.name, () => {
  it('repeats its sequence for a seed and differs between seeds', () => {
    const a = new Prng(42);
    const b = new Prng(42);
    const c = new Prng(43);
    const seqA = Array.from({ length: 20 }, () => a.next());
    expect(Array.from({ length: 20 }, () => b.next())).toEqual(seqA);
    expect(Array.from({ length: 20 }, () => c.next())).not.toEqual(seqA);
  });

  it('keeps int() within its bounds and reaches both ends', () => {
    const rng = new Prng(1);
    const seen = new Set<number>();
    for (let i = 0; i < 2000; i += 1) {
      const n = rng.int(3, 7);
      expect(n).toBeGreaterThanOrEqual(3);
      expect(n).toBeLessThanOrEqual(7);
      seen.add(n);
    }
    expect([...seen].sort()).toEqual([3, 4, 5, 6, 7]);
  });

  it('samples distinct indexes', () => {
    const sample = new Prng(5).sampleIndexes(100, 30);
    expect(new Set(sample).size).toBe(30);
    expect(sample.every((i) => i >= 0 && i < 100)).toBe(true);
    expect(new Prng(5).sampleIndexes(3, 10)).toHaveLength(3);
  });
});

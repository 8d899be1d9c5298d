/**
 * A small seeded pseudo-random generator (mulberry32): the simulator never uses Math.random or the clock,
 * so the same seed always gives the same traffic.
 */
export class Prng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** A float in [min, max). */
  between(min: number, max: number): number {
    return min + this.next() * (max - min);
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) {
      throw new RangeError('cannot pick from an empty list');
    }
    return items[Math.floor(this.next() * items.length)];
  }

  /** `count` digits, leading zeros allowed. */
  digits(count: number): string {
    let out = '';
    for (let i = 0; i < count; i += 1) {
      out += String(this.int(0, 9));
    }
    return out;
  }

  /** `count` distinct indexes out of [0, size), in random order (partial Fisher-Yates). */
  sampleIndexes(size: number, count: number): number[] {
    const indexes = Array.from({ length: size }, (_, i) => i);
    const n = Math.min(count, size);
    for (let i = 0; i < n; i += 1) {
      const j = this.int(i, size - 1);
      [indexes[i], indexes[j]] = [indexes[j], indexes[i]];
    }
    return indexes.slice(0, n);
  }

  /** An independent generator derived from this one's seed and a salt (e.g. one stream per concern). */
  static derive(seed: number, salt: number): Prng {
    return new Prng(Math.imul(seed ^ salt, 0x9e3779b1) ^ 0x85ebca6b);
  }
}

import fc from 'fast-check';
import { retryDelayMs } from './retry-delay';

const policy = { baseDelayMs: 1000, maxDelayMs: 3_600_000, retryWindowMs: 86_400_000 };

describe('retryDelayMs', () => {
  it('doubles from the base up to the cap, jittered within the upper half', () => {
    expect(retryDelayMs(1, policy, () => 1)).toBe(1000);
    expect(retryDelayMs(1, policy, () => 0)).toBe(500);
    expect(retryDelayMs(4, policy, () => 1)).toBe(8000);
    expect(retryDelayMs(30, policy, () => 1)).toBe(3_600_000);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 200 }), fc.double({ min: 0, max: 1, noNaN: true }), (failures, r) => {
        const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (failures - 1));
        const delay = retryDelayMs(failures, policy, () => r);
        return delay >= Math.floor(ceiling / 2) && delay <= ceiling;
      }),
    );
  });

  it('keeps retrying for the whole day before a subscription can pause: about 30 tries at the defaults', () => {
    let elapsed = 0;
    let tries = 0;
    while (elapsed < policy.retryWindowMs) {
      tries += 1;
      elapsed += retryDelayMs(tries, policy, () => 1);
    }
    expect(tries).toBeGreaterThanOrEqual(25);
    expect(tries).toBeLessThanOrEqual(40);
  });
});

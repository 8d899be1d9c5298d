import { ConfigError } from '@mmt/config';
import { callerOf, DEFAULT_RATE_LIMIT, RateLimiter, rateLimitSettingsFromEnv } from './rate-limit';
import { limitedApi } from './rate-limit-http';

/** A limiter on a clock the test moves. */
function limiterAt(perMinute: number, burst: number, maxCallers?: number) {
  const clock = { ms: 1_000_000 };
  const limiter = new RateLimiter({ perMinute, burst }, () => clock.ms, maxCallers);
  return { limiter, clock };
}

function takeMany(limiter: RateLimiter, caller: string, n: number): number {
  let allowed = 0;
  for (let i = 0; i < n; i += 1) {
    allowed += limiter.take(caller).allowed ? 1 : 0;
  }
  return allowed;
}

describe(RateLimiter.name, () => {
  it('lets a burst through at once, then refuses with the whole seconds until the next token', () => {
    const { limiter } = limiterAt(60, 5);
    expect(takeMany(limiter, 'a', 5)).toBe(5);
    expect(limiter.take('a')).toEqual({ allowed: false, retryAfterSeconds: 1 });
  });

  it('gives tokens back at the rate, never more than the burst', () => {
    const { limiter, clock } = limiterAt(6, 3); // one token every 10 s
    expect(takeMany(limiter, 'a', 3)).toBe(3);
    expect(limiter.take('a')).toEqual({ allowed: false, retryAfterSeconds: 10 });
    clock.ms += 4_000;
    expect(limiter.take('a')).toEqual({ allowed: false, retryAfterSeconds: 6 });
    clock.ms += 5_999;
    expect(limiter.take('a')).toEqual({ allowed: false, retryAfterSeconds: 1 });
    clock.ms += 1;
    expect(limiter.take('a')).toEqual({ allowed: true });
    clock.ms += 3_600_000;
    expect(takeMany(limiter, 'a', 10)).toBe(3);
  });

  it('does not charge a refused call: a caller who keeps asking gets through as soon as one who waits', () => {
    const { limiter, clock } = limiterAt(60, 1);
    expect(limiter.take('a').allowed).toBe(true);
    for (let i = 0; i < 99; i += 1) {
      clock.ms += 10;
      expect(limiter.take('a').allowed).toBe(false);
    }
    clock.ms += 10;
    expect(limiter.take('a').allowed).toBe(true);
  });

  it('keeps one bucket per caller: one caller’s loop does not starve another', () => {
    const { limiter } = limiterAt(600, 10);
    expect(takeMany(limiter, 'loop', 1000)).toBe(10);
    expect(takeMany(limiter, 'other', 10)).toBe(10);
  });

  it('holds a sustained rate of perMinute over a long run', () => {
    const { limiter, clock } = limiterAt(600, 120);
    let allowed = 0;
    for (let ms = 0; ms < 10 * 60_000; ms += 20) {
      clock.ms += 20;
      allowed += limiter.take('a').allowed ? 1 : 0;
    }
    // Ten minutes at 600 a minute, plus the first burst.
    expect(allowed).toBeGreaterThanOrEqual(6000 + 120 - 1);
    expect(allowed).toBeLessThanOrEqual(6000 + 120);
  });

  it('forgets a caller once its bucket would be full again, so memory follows recent callers only', () => {
    const { limiter, clock } = limiterAt(600, 120); // refilled in 12 s
    for (let i = 0; i < 1000; i += 1) {
      limiter.take(`caller-${i}`);
    }
    expect(limiter.tracked).toBe(1000);
    clock.ms += 11_999;
    limiter.take('late');
    expect(limiter.tracked).toBe(1001);
    clock.ms += 1;
    limiter.take('late');
    expect(limiter.tracked).toBe(1);
  });

  it('keeps a caller that was refused until its bucket is full again, so waiting out a 429 is still needed', () => {
    const { limiter, clock } = limiterAt(60, 2); // refilled in 2 s
    takeMany(limiter, 'a', 5);
    clock.ms += 1_999;
    limiter.take('b');
    expect(limiter.take('a').allowed).toBe(true);
    expect(limiter.take('a').allowed).toBe(false);
  });

  it('never tracks more than maxCallers, dropping the least recently seen', () => {
    const { limiter } = limiterAt(60, 1, 3);
    for (const caller of ['a', 'b', 'c']) {
      limiter.take(caller);
    }
    expect(limiter.take('a').allowed).toBe(false);
    limiter.take('d');
    expect(limiter.tracked).toBe(3);
    // 'b' was the least recently seen: it was forgotten, so it starts again with a full bucket.
    expect(limiter.take('b').allowed).toBe(true);
    expect(limiter.tracked).toBe(3);
  });

  it('lets everything through when perMinute is 0, tracking nobody', () => {
    const { limiter } = limiterAt(0, 1);
    expect(limiter.enabled).toBe(false);
    expect(takeMany(limiter, 'a', 10_000)).toBe(10_000);
    expect(limiter.tracked).toBe(0);
  });

  it('ignores a clock that steps back', () => {
    const { limiter, clock } = limiterAt(60, 1);
    limiter.take('a');
    clock.ms -= 60_000;
    expect(limiter.take('a')).toEqual({ allowed: false, retryAfterSeconds: 1 });
  });
});

describe(callerOf.name, () => {
  const key = `mmt_0a1b2c3d_${'A'.repeat(43)}`;

  it('names a keyed caller by a hash of the key, never the key', () => {
    expect(callerOf(key, '10.0.0.1')).toMatch(/^key:[A-Za-z0-9_-]{22}$/);
    expect(callerOf(key, '10.0.0.1')).not.toContain('0a1b2c3d');
    expect(callerOf(key, '10.0.0.2')).toBe(callerOf(key, '10.0.0.1'));
    expect(callerOf(`${key.slice(0, -1)}B`, '10.0.0.1')).not.toBe(callerOf(key, '10.0.0.1'));
  });

  it('names a caller without a key by its address', () => {
    expect(callerOf(undefined, '10.0.0.1')).toBe('address:10.0.0.1');
    expect(callerOf(undefined, undefined)).toBe('address:unknown');
  });
});

describe(rateLimitSettingsFromEnv.name, () => {
  it('defaults to 600 a minute in bursts of 120', () => {
    expect(rateLimitSettingsFromEnv({})).toEqual(DEFAULT_RATE_LIMIT);
    expect(DEFAULT_RATE_LIMIT).toEqual({ perMinute: 600, burst: 120 });
  });

  it('reads both settings; 0 a minute turns the limit off', () => {
    expect(rateLimitSettingsFromEnv({ GATEWAY_RATE_LIMIT_PER_MINUTE: '30', GATEWAY_RATE_LIMIT_BURST: '5' })).toEqual({
      perMinute: 30,
      burst: 5,
    });
    expect(rateLimitSettingsFromEnv({ GATEWAY_RATE_LIMIT_PER_MINUTE: '0' }).perMinute).toBe(0);
  });

  it.each([
    ['GATEWAY_RATE_LIMIT_PER_MINUTE', '-1'],
    ['GATEWAY_RATE_LIMIT_PER_MINUTE', '1.5'],
    ['GATEWAY_RATE_LIMIT_PER_MINUTE', 'lots'],
    ['GATEWAY_RATE_LIMIT_BURST', '0'],
    ['GATEWAY_RATE_LIMIT_BURST', '1e3'],
  ])('refuses %s=%j at start, naming it', (name, value) => {
    expect(() => rateLimitSettingsFromEnv({ [name]: value })).toThrow(ConfigError);
    expect(() => rateLimitSettingsFromEnv({ [name]: value })).toThrow(name);
  });
});

describe(limitedApi.name, () => {
  it.each([
    ['/v2/events', 'partner'],
    ['/v2/events?limit=5', 'partner'],
    ['/v2/event-subscriptions/abc/secret', 'partner'],
    ['/V2/Events', 'partner'],
    ['//v2//events/', 'partner'],
    ['/v2/%65vents', 'partner'],
    ['/v2/nothing-here', 'partner'],
    ['/graphql', 'graphql'],
    ['/graphql?query=%7B__typename%7D', 'graphql'],
    ['/GraphQL/', 'graphql'],
  ])('limits %s as the %s API', (url, api) => {
    expect(limitedApi(url)).toBe(api);
  });

  it.each([
    '/',
    '/health',
    '/health/ready',
    '/metrics',
    '/app/',
    '/app/main.js',
    '/v2/openapi.yaml',
    '/V2/OpenAPI.yaml/',
    '/v20',
    '/graphqlx',
    '/share/abc',
  ])('does not limit %s', (url) => {
    expect(limitedApi(url)).toBeUndefined();
  });
});

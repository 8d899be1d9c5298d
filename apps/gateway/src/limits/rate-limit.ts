import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { ConfigError } from '@mmt/config';

/**
 * How many requests one caller may make: `perMinute` on average, up to `burst` at once after a quiet spell.
 * `perMinute: 0` turns the limit off.
 */
export interface RateLimitSettings {
  readonly perMinute: number;
  readonly burst: number;
}

/** Enough for the web app and a partner polling every second, with room for a page-through of a backlog. */
export const DEFAULT_RATE_LIMIT: RateLimitSettings = { perMinute: 600, burst: 120 };
/** No limit: for tools that measure the gateway itself (bench:gateway) and tests of something else. */
export const RATE_LIMIT_OFF: RateLimitSettings = { perMinute: 0, burst: 1 };
/**
 * Most callers tracked at once. A bucket is dropped once it would be full again (it then means nothing), so
 * this only matters when more distinct keys or addresses than this call within one refill time (burst /
 * rate: 12 s by default); the least recently seen go first. About 200 bytes each.
 */
export const MAX_TRACKED_CALLERS = 100_000;

function wholeNumber(env: NodeJS.ProcessEnv, name: string, fallback: number, least: number): number {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') {
    return fallback;
  }
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(value) || value < least) {
    throw new ConfigError(`${name} must be a whole number of at least ${least}, not ${JSON.stringify(raw)}`);
  }
  return value;
}

/** GATEWAY_RATE_LIMIT_PER_MINUTE (0 turns the limit off) and GATEWAY_RATE_LIMIT_BURST, checked at start. */
export function rateLimitSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): RateLimitSettings {
  return {
    perMinute: wholeNumber(env, 'GATEWAY_RATE_LIMIT_PER_MINUTE', DEFAULT_RATE_LIMIT.perMinute, 0),
    burst: wholeNumber(env, 'GATEWAY_RATE_LIMIT_BURST', DEFAULT_RATE_LIMIT.burst, 1),
  };
}

/**
 * Who a request counts against: the presented API key (its hash, so that no key is kept in memory and no store
 * lookup is needed: unknown and revoked keys are limited like any other), else the client's address.
 */
export function callerOf(apiKey: string | undefined, address: string | undefined): string {
  return apiKey === undefined
    ? `address:${address ?? 'unknown'}`
    : `key:${createHash('sha256').update(apiKey, 'utf8').digest('base64url').slice(0, 22)}`;
}

export type RateVerdict = { readonly allowed: true } | { readonly allowed: false; readonly retryAfterSeconds: number };

interface Bucket {
  tokens: number;
  /** When `tokens` was last brought up to date, in the limiter's clock (ms). */
  at: number;
}

/**
 * A token bucket per caller, in this process's memory: each call takes a token; tokens come back at
 * `perMinute / 60` a second up to `burst`. Several gateways each keep their own buckets, so behind a load
 * balancer a caller may make up to that many times the limit.
 *
 * Memory stays bounded: the map is kept in order of last use, and a bucket untouched for a whole refill time
 * is full again, the same as no bucket, so it is dropped from the front as calls come in; past
 * `maxCallers` the least recently used is dropped too.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly tokensPerMs: number;
  private readonly refillMs: number;

  constructor(
    readonly settings: RateLimitSettings,
    private readonly now: () => number = () => performance.now(),
    private readonly maxCallers = MAX_TRACKED_CALLERS,
  ) {
    this.tokensPerMs = settings.perMinute / 60_000;
    this.refillMs = settings.perMinute > 0 ? settings.burst / this.tokensPerMs : 0;
  }

  get enabled(): boolean {
    return this.settings.perMinute > 0;
  }

  /** How many callers have a bucket now (for tests and for the memory bound). */
  get tracked(): number {
    return this.buckets.size;
  }

  /** Takes a token for `caller`, or says how many whole seconds until one is there. */
  take(caller: string): RateVerdict {
    if (!this.enabled) {
      return { allowed: true };
    }
    const now = this.now();
    this.dropIdle(now);
    const bucket = this.buckets.get(caller) ?? { tokens: this.settings.burst, at: now };
    bucket.tokens = Math.min(this.settings.burst, bucket.tokens + Math.max(0, now - bucket.at) * this.tokensPerMs);
    bucket.at = Math.max(bucket.at, now);
    // Re-inserted, so that the map stays in order of last use.
    this.buckets.delete(caller);
    this.buckets.set(caller, bucket);
    if (this.buckets.size > this.maxCallers) {
      this.buckets.delete(this.buckets.keys().next().value as string);
    }
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { allowed: true };
    }
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / this.tokensPerMs / 1000)) };
  }

  /** A human sentence of the limit, for the 429's message. */
  describe(): string {
    return `${this.settings.perMinute} requests a minute, in bursts of up to ${this.settings.burst}`;
  }

  private dropIdle(now: number): void {
    for (const [caller, bucket] of this.buckets) {
      if (now - bucket.at < this.refillMs) {
        return;
      }
      this.buckets.delete(caller);
    }
  }
}

import { AccessError } from './principal';

const UNIT_MS = { d: 86_400_000, h: 3_600_000, m: 60_000, s: 1000 } as const;
type Unit = keyof typeof UNIT_MS;

/** Longest lifetime or overlap the CLI takes: 100 years, far below where a Date stops printing as ISO 8601. */
export const MAX_DURATION_MS = 36_500 * UNIT_MS.d;

/**
 * A duration as the keys CLI takes it: a whole number and one unit, `90d`, `24h`, `30m`, `45s`. Zero is allowed
 * (a rotation overlap of `0s` ends the old key at once); `what` names the option in the error.
 */
export function parseDuration(text: string, what: string): number {
  const match = /^(\d{1,9})([dhms])$/.exec(text.trim());
  const ms = match ? Number(match[1]) * UNIT_MS[match[2] as Unit] : Number.NaN;
  if (!Number.isSafeInteger(ms) || ms > MAX_DURATION_MS) {
    throw new AccessError(
      `${what}: ${JSON.stringify(text)} is not a duration: use a whole number and one of d, h, m, s (e.g. 90d, 24h, 30m), at most 36500d`,
    );
  }
  return ms;
}

/** A duration the way parseDuration reads it back, in the largest unit that divides it: 86400000 is `1d`. */
export function formatDuration(ms: number): string {
  const unit = (Object.keys(UNIT_MS) as Unit[]).find((u) => ms % UNIT_MS[u] === 0);
  return unit === undefined ? `${ms}ms` : `${ms / UNIT_MS[unit]}${unit}`;
}

const INSTANT = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?(Z|[+-]\d{2}:\d{2}))?$/;

/**
 * An ISO 8601 instant: a date (`2026-12-31`, midnight UTC) or a date and time with `Z` or an offset
 * (`2026-12-31T18:00:00+08:00`). Dates that do not exist (`2026-02-30`) are refused, which Date.parse does not do.
 */
export function parseInstant(text: string, what: string): Date {
  const match = INSTANT.exec(text.trim());
  const refuse = () =>
    new AccessError(
      `${what}: ${JSON.stringify(text)} is not an ISO 8601 date or date-time with a zone (e.g. 2026-12-31 or 2026-12-31T18:00:00Z)`,
    );
  if (!match) {
    throw refuse();
  }
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map((part) => Number(part ?? 0));
  const calendar = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  const exists =
    calendar.getUTCFullYear() === year &&
    calendar.getUTCMonth() === month - 1 &&
    calendar.getUTCDate() === day &&
    hour < 24 &&
    minute < 60 &&
    second < 60;
  const zone = match[8];
  const instant = new Date(match[4] === undefined ? `${match[0].slice(0, 10)}T00:00:00Z` : text.trim());
  if (!exists || (zone !== undefined && zone !== 'Z' && !/^[+-](0\d|1[0-4]):[0-5]\d$/.test(zone))) {
    throw refuse();
  }
  if (Number.isNaN(instant.getTime())) {
    throw refuse();
  }
  return instant;
}

/**
 * A place in the partner feed: the microsecond (since 1970, UTC) at which the platform published an event to
 * `dcsa_events`. Each event has its own, and a later publication always has a greater one, so it orders the feed
 * and an event's `eventCreatedDateTime` shows it exactly (six fractional digits). See FeedClock.
 */
export type FeedPosition = number;

export const MICROS_PER_MS = 1000;

/** The position as DCSA's `eventCreatedDateTime`: UTC, with microseconds, e.g. `2026-03-01T08:00:00.000123Z`. */
export function positionIso(position: FeedPosition): string {
  const ms = Math.floor(position / MICROS_PER_MS);
  const micros = String(position - ms * MICROS_PER_MS).padStart(3, '0');
  return new Date(ms).toISOString().replace('Z', `${micros}Z`);
}

const ISO_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|([+-])(\d{2}):(\d{2}))$/;

const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/**
 * An ISO 8601 date-time with an offset (RFC 3339) as a position, to the microsecond (finer digits are cut), or
 * undefined when it is not one or names no real moment (`2026-02-30`, `24:00`, an offset beyond ±23:59).
 */
export function parseIsoPosition(text: string): FeedPosition | undefined {
  const match = ISO_DATE_TIME.exec(text);
  if (match === null) {
    return undefined;
  }
  const [year, month, day, hour, minute, second = 0] = match.slice(1, 7).map((part) => Number(part ?? 0));
  const [sign, offsetHours, offsetMinutes] = [match[9], Number(match[10] ?? 0), Number(match[11] ?? 0)];
  if (
    month < 1 ||
    month > 12 ||
    day < 1 ||
    day > daysIn(year, month) ||
    hour > 23 ||
    minute > 59 ||
    second > 59 ||
    offsetHours > 23 ||
    offsetMinutes > 59
  ) {
    return undefined;
  }
  const offsetMs = (sign === '-' ? -1 : 1) * (offsetHours * 60 + offsetMinutes) * 60_000;
  const ms = Date.UTC(year, month - 1, day, hour, minute, second) - offsetMs;
  const micros = Number((match[7] ?? '').padEnd(6, '0').slice(0, 6));
  return ms * MICROS_PER_MS + micros;
}

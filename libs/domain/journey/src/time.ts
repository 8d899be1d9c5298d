import type { TrackingEvent } from '@mmt/contracts';

const MINUTE_MS = 60_000;

/** Parsed instants, remembered because sorting asks for the same strings many times; emptied when it grows. */
const parsedInstants = new Map<string, number>();
const PARSED_INSTANTS_LIMIT = 50_000;

/** Milliseconds since the epoch; an unreadable time sorts first instead of poisoning comparisons with NaN. */
export function instantOf(time: string): number {
  const known = parsedInstants.get(time);
  if (known !== undefined) {
    return known;
  }
  const parsed = Date.parse(time);
  const ms = Number.isNaN(parsed) ? Number.NEGATIVE_INFINITY : parsed;
  if (parsedInstants.size >= PARSED_INSTANTS_LIMIT) {
    parsedInstants.clear();
  }
  parsedInstants.set(time, ms);
  return ms;
}

/** Code-unit order, independent of the machine's locale. */
export function compareText(a: string, b: string): number {
  if (a < b) {
    return -1;
  }
  return a > b ? 1 : 0;
}

/** By instant (offsets differ: +08:00 vs Z), then by the text so that equal instants still order deterministically. */
export function compareTimes(a: string, b: string): number {
  const ia = instantOf(a);
  const ib = instantOf(b);
  if (ia !== ib) {
    return ia < ib ? -1 : 1;
  }
  return compareText(a, b);
}

/** By eventDateTime, then eventCreatedDateTime, then eventId: a total order on distinct events. */
export function compareByEventTime(a: TrackingEvent, b: TrackingEvent): number {
  return (
    compareTimes(a.eventDateTime, b.eventDateTime) ||
    compareTimes(a.eventCreatedDateTime, b.eventCreatedDateTime) ||
    compareText(a.eventId, b.eventId)
  );
}

/** Whole minutes from `from` to `to`, truncated toward zero; undefined when either time is unreadable. */
export function wholeMinutesBetween(from: string, to: string): number | undefined {
  const start = instantOf(from);
  const end = instantOf(to);
  if (!Number.isFinite(start) || !Number.isFinite(end)) {
    return undefined;
  }
  return Math.trunc((end - start) / MINUTE_MS) + 0; // `+ 0` turns -0 into 0, so equal inputs stay deep-equal
}

/** The first item in `compare` order, or undefined for an empty list. */
export function minBy<T>(items: readonly T[], compare: (a: T, b: T) => number): T | undefined {
  let best: T | undefined;
  for (const item of items) {
    if (best === undefined || compare(item, best) < 0) {
      best = item;
    }
  }
  return best;
}

/** The last item in `compare` order, or undefined for an empty list. */
export function maxBy<T>(items: readonly T[], compare: (a: T, b: T) => number): T | undefined {
  return minBy(items, (a, b) => compare(b, a));
}

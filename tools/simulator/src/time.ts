/** Times as epoch milliseconds inside the simulator, written out as ISO 8601 with the place's offset. */
import { LOCATIONS, type Place } from '@mmt/contracts';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

const COUNTRY_OF = new Map(LOCATIONS.map((l) => [l.locode, l.country]));

/** 01:00 UTC on the last Sunday of `month` (0-based): when EU summer time starts or ends. */
function lastSundayOneUtc(year: number, month: number): number {
  const lastDay = new Date(Date.UTC(year, month + 1, 0));
  return Date.UTC(year, month, lastDay.getUTCDate() - lastDay.getUTCDay(), 1);
}

function centralEuropeOffset(ms: number): number {
  const year = new Date(ms).getUTCFullYear();
  const summer = ms >= lastSundayOneUtc(year, 2) && ms < lastSundayOneUtc(year, 9);
  return summer ? 120 : 60;
}

/** The local UTC offset in minutes at a location (China and Singapore +08:00, Kazakhstan +05:00, ...). */
export function utcOffsetMinutes(locode: string, ms: number): number {
  switch (COUNTRY_OF.get(locode) ?? '') {
    case 'CN':
    case 'SG':
      return 480;
    case 'KZ':
      return 300;
    case 'BY':
      return 180;
    case 'PL':
    case 'DE':
      return centralEuropeOffset(ms);
    default:
      return 0;
  }
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

/** `2026-03-01T08:00:00+08:00`, or `...Z` for offset 0. */
export function isoWithOffset(ms: number, offsetMinutes: number): string {
  const local = new Date(ms + offsetMinutes * MINUTE).toISOString().slice(0, 19);
  if (offsetMinutes === 0) {
    return `${local}Z`;
  }
  const abs = Math.abs(offsetMinutes);
  return `${local}${offsetMinutes < 0 ? '-' : '+'}${pad2(Math.floor(abs / 60))}:${pad2(abs % 60)}`;
}

/** The time as a clock at `place` shows it. */
export function localIso(ms: number, place: Place): string {
  return isoWithOffset(ms, utcOffsetMinutes(place.locode, ms));
}

/** The local calendar date at `place`, `YYYY-MM-DD` (a train's departure date). */
export function localDate(ms: number, place: Place): string {
  return localIso(ms, place).slice(0, 10);
}

export function toMinute(ms: number): number {
  return Math.round(ms / MINUTE) * MINUTE;
}

export function toSecond(ms: number): number {
  return Math.round(ms / 1000) * 1000;
}

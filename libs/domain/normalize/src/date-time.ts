/** ISO 8601 date-times with a UTC offset, and calendar dates, checked without trusting Date.parse. */

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:\d{2})?$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function validDate(year: number, month: number, day: number): boolean {
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** Why `text` is not an ISO 8601 date-time with an offset (Z or ±hh:mm), or undefined when it is. */
export function dateTimeProblem(text: string): string | undefined {
  const m = DATE_TIME.exec(text);
  if (m === null) {
    return `"${text}" is not an ISO 8601 date-time (e.g. 2026-03-01T10:00:00+08:00)`;
  }
  const [, y, mo, d, h, mi, s, , offset] = m;
  if (offset === undefined) {
    return `"${text}" has no UTC offset`;
  }
  const offsetOk = offset === 'Z' || (Number(offset.slice(1, 3)) <= 18 && Number(offset.slice(4, 6)) < 60);
  const timeOk = Number(h) < 24 && Number(mi) < 60 && (s === undefined || Number(s) < 60);
  if (!validDate(Number(y), Number(mo), Number(d)) || !timeOk || !offsetOk) {
    return `"${text}" is not a valid date-time (month, day, hour, minute, second or offset out of range)`;
  }
  return undefined;
}

/** Milliseconds since the epoch of a date-time that passed dateTimeProblem, or undefined when it did not. */
export function epochMillis(text: string): number | undefined {
  if (dateTimeProblem(text) !== undefined) {
    return undefined;
  }
  const m = DATE_TIME.exec(text);
  if (m === null) {
    return undefined;
  }
  const [, y, mo, d, h, mi, s, frac, offset] = m;
  const millis = frac === undefined ? 0 : Number(frac.padEnd(3, '0').slice(0, 3));
  const local = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s ?? '0'), millis);
  if (offset === undefined || offset === 'Z') {
    return local;
  }
  const sign = offset.startsWith('-') ? -1 : 1;
  const offsetMinutes = sign * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4, 6)));
  return local - offsetMinutes * 60_000;
}

/** Why `text` is not a calendar date YYYY-MM-DD, or undefined when it is. */
export function dateProblem(text: string): string | undefined {
  const m = DATE.exec(text);
  if (m === null) {
    return `"${text}" is not a date YYYY-MM-DD`;
  }
  const [, y, mo, d] = m;
  return validDate(Number(y), Number(mo), Number(d)) ? undefined : `"${text}" is not a valid calendar date`;
}

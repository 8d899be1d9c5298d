/**
 * Reporting periods. The port office counts days in China Standard Time (UTC+08:00, no daylight saving), so a
 * statistic lands in the day, ISO week and month of its instant in that zone.
 */
export const GRANULARITIES = ['DAY', 'WEEK', 'MONTH'] as const;
export type Granularity = (typeof GRANULARITIES)[number];

const REPORTING_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

/** `2026-03-02` (DAY), `2026-W10` (WEEK, ISO 8601), `2026-03` (MONTH) of an instant. */
export function periodOf(granularity: Granularity, instant: string | number): string {
  const local = new Date(new Date(instant).getTime() + REPORTING_OFFSET_MS);
  const [year, month, day] = [local.getUTCFullYear(), local.getUTCMonth() + 1, local.getUTCDate()];
  switch (granularity) {
    case 'DAY':
      return `${year}-${pad(month)}-${pad(day)}`;
    case 'MONTH':
      return `${year}-${pad(month)}`;
    case 'WEEK': {
      // The ISO week's year is the year of its Thursday.
      const weekday = (local.getUTCDay() + 6) % 7;
      const thursday = new Date(Date.UTC(year, month - 1, day) + (3 - weekday) * DAY_MS);
      const firstOfYear = Date.UTC(thursday.getUTCFullYear(), 0, 1);
      const week = Math.floor((thursday.getTime() - firstOfYear) / DAY_MS / 7) + 1;
      return `${thursday.getUTCFullYear()}-W${pad(week)}`;
    }
  }
}

const PERIOD_SHAPES: Readonly<Record<Granularity, RegExp>> = {
  DAY: /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/,
  WEEK: /^\d{4}-W(0[1-9]|[1-4]\d|5[0-3])$/,
  MONTH: /^\d{4}-(0[1-9]|1[0-2])$/,
};

/** What a period may be, said in every error about one. */
export const PERIOD_FORMS = 'a day (2026-03-02), an ISO week (2026-W10) or a month (2026-03)';

/**
 * The granularity a period string names (`2026-03-02`, `2026-W10`, `2026-03`), or undefined for anything else,
 * including days and weeks that no calendar has (2026-02-30, 2026-W53: 2026 has 53 ISO weeks, 2025 52).
 */
export function granularityOf(period: string): Granularity | undefined {
  const granularity = GRANULARITIES.find((g) => PERIOD_SHAPES[g].test(period));
  return granularity === undefined || !exists(granularity, period) ? undefined : granularity;
}

function exists(granularity: Granularity, period: string): boolean {
  if (granularity === 'DAY') {
    const [year, month, day] = period.split('-').map(Number);
    return new Date(Date.UTC(year, month - 1, day)).getUTCDate() === day;
  }
  if (granularity === 'WEEK') {
    // A year has a week 53 when its 28 December, always in its last week, is in week 53.
    return !period.endsWith('W53') || periodOf('WEEK', `${period.slice(0, 4)}-12-28T12:00:00+08:00`) === period;
  }
  return true;
}

/** Why a string is not a period: the forms accepted, and what was given. */
export function periodProblem(name: string, period: string): string {
  return `${name} must be ${PERIOD_FORMS} that the calendar has, not ${JSON.stringify(period)}`;
}

const DAY_OF_MONTH_MS = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The days of a period (`2026-03` → 2026-03-01 … 2026-03-31, `2026-W10` → its Monday … Sunday, a day → itself). */
export function daysOf(period: string): string[] {
  switch (granularityOf(period)) {
    case 'DAY':
      return [period];
    case 'MONTH': {
      const [year, month] = period.split('-').map(Number);
      const first = Date.UTC(year, month - 1, 1);
      const count = (Date.UTC(year, month, 1) - first) / DAY_OF_MONTH_MS;
      return Array.from({ length: count }, (_, i) => isoDay(first + i * DAY_OF_MONTH_MS));
    }
    case 'WEEK': {
      const [year, week] = period.split('-W').map(Number);
      const jan4 = Date.UTC(year, 0, 4);
      const monday = jan4 - ((new Date(jan4).getUTCDay() + 6) % 7) * DAY_OF_MONTH_MS + (week - 1) * 7 * DAY_OF_MONTH_MS;
      return Array.from({ length: 7 }, (_, i) => isoDay(monday + i * DAY_OF_MONTH_MS));
    }
    case undefined:
      throw new RangeError(periodProblem('period', period));
  }
}

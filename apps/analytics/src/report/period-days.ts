import { granularityOf } from '@mmt/analytics';

const DAY_MS = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The days of a period (`2026-03` → 2026-03-01 … 2026-03-31, `2026-W10` → its Monday … Sunday, a day → itself). */
export function daysOf(period: string): string[] {
  switch (granularityOf(period)) {
    case 'DAY':
      return [period];
    case 'MONTH': {
      const [year, month] = period.split('-').map(Number);
      const first = Date.UTC(year, month - 1, 1);
      const count = (Date.UTC(year, month, 1) - first) / DAY_MS;
      return Array.from({ length: count }, (_, i) => iso(first + i * DAY_MS));
    }
    case 'WEEK': {
      const [year, week] = period.split('-W').map(Number);
      const jan4 = Date.UTC(year, 0, 4);
      const monday = jan4 - ((new Date(jan4).getUTCDay() + 6) % 7) * DAY_MS + (week - 1) * 7 * DAY_MS;
      return Array.from({ length: 7 }, (_, i) => iso(monday + i * DAY_MS));
    }
    case undefined:
      throw new RangeError(
        `period must be a day (2026-03-02), an ISO week (2026-W10) or a month (2026-03), not ${JSON.stringify(period)}`,
      );
  }
}

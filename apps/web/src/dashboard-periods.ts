import { daysOf, granularityOf, periodOf, type Granularity } from '../../../libs/features/analytics/src/periods';

export { daysOf, granularityOf, type Granularity };

/** The date input that picks a period of each granularity: its value is the period itself. */
export const INPUT_TYPES: Readonly<Record<Granularity, 'date' | 'week' | 'month'>> = {
  DAY: 'date',
  WEEK: 'week',
  MONTH: 'month',
};

/**
 * The period of another granularity that holds this period's middle day: 2026-03 as a week is 2026-W12 (its 16th),
 * 2026-W11 as a day is its Thursday, 2026-03-12, and as a month 2026-03 (the ISO week's own rule).
 */
export function regranulated(period: string, granularity: Granularity): string {
  const days = daysOf(period);
  return periodOf(granularity, `${days[Math.floor(days.length / 2)]}T12:00:00+08:00`);
}

/** The month the port office is in now (China Standard Time). */
export const currentMonth = (): string => periodOf('MONTH', Date.now());

/** The month that holds a day, e.g. 2026-03 for 2026-03-10. */
export const monthOf = (day: string): string => periodOf('MONTH', `${day}T12:00:00+08:00`);

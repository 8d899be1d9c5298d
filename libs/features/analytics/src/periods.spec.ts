import { daysOf, granularityOf, periodOf } from './periods';

describe(periodOf.name, () => {
  it('counts days in China Standard Time', () => {
    expect(periodOf('DAY', '2026-03-01T15:59:00Z')).toBe('2026-03-01');
    expect(periodOf('DAY', '2026-03-01T16:00:00Z')).toBe('2026-03-02');
    expect(periodOf('MONTH', '2026-03-31T16:00:00Z')).toBe('2026-04');
  });

  it('names ISO 8601 weeks, whose year is the year of their Thursday', () => {
    expect(periodOf('WEEK', '2026-03-02T00:00:00+08:00')).toBe('2026-W10');
    expect(periodOf('WEEK', '2026-03-01T23:59:00+08:00')).toBe('2026-W09');
    expect(periodOf('WEEK', '2025-12-29T12:00:00+08:00')).toBe('2026-W01');
    expect(periodOf('WEEK', '2027-01-01T12:00:00+08:00')).toBe('2026-W53');
    expect(periodOf('WEEK', '2024-12-30T12:00:00+08:00')).toBe('2025-W01');
  });
});

describe(granularityOf.name, () => {
  it('tells a day, a week and a month apart, and nothing else', () => {
    expect(granularityOf('2026-03-02')).toBe('DAY');
    expect(granularityOf('2026-W10')).toBe('WEEK');
    expect(granularityOf('2026-03')).toBe('MONTH');
    for (const bad of ['2026', '2026-13', '2026-W54', '2026-03-32', 'March', '']) {
      expect(granularityOf(bad)).toBeUndefined();
    }
  });

  it('refuses days and weeks that the calendar does not have', () => {
    expect(granularityOf('2028-02-29')).toBe('DAY');
    expect(granularityOf('2026-W53')).toBe('WEEK');
    for (const bad of ['2026-02-29', '2026-02-30', '2026-04-31', '2025-W53']) {
      expect(granularityOf(bad)).toBeUndefined();
    }
    expect(() => daysOf('2026-02-30')).toThrow(
      'period must be a day (2026-03-02), an ISO week (2026-W10) or a month (2026-03) that the calendar has, not "2026-02-30"',
    );
  });
});

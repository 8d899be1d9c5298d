import { daysOf } from './periods';

describe(daysOf.name, () => {
  it('lists the days of a month, an ISO week and a day', () => {
    expect(daysOf('2026-02')).toHaveLength(28);
    expect(daysOf('2028-02').at(-1)).toBe('2028-02-29');
    expect(daysOf('2026-03')[0]).toBe('2026-03-01');
    expect(daysOf('2026-W10')).toEqual([
      '2026-03-02',
      '2026-03-03',
      '2026-03-04',
      '2026-03-05',
      '2026-03-06',
      '2026-03-07',
      '2026-03-08',
    ]);
    expect(daysOf('2026-W01')[0]).toBe('2025-12-29');
    expect(daysOf('2026-03-02')).toEqual(['2026-03-02']);
    expect(() => daysOf('March')).toThrow('period must be');
  });
});

import { parseIsoPosition, positionIso } from './feed-position';

describe('feed positions', () => {
  it('shows a position to the microsecond in UTC and reads it back', () => {
    const position = Date.UTC(2026, 2, 1, 8, 0, 0, 12) * 1000 + 345;
    expect(positionIso(position)).toBe('2026-03-01T08:00:00.012345Z');
    expect(parseIsoPosition(positionIso(position))).toBe(position);
  });

  it('reads offsets, whole seconds and minutes, and cuts digits finer than a microsecond', () => {
    expect(parseIsoPosition('2026-03-01T16:00:00+08:00')).toBe(Date.UTC(2026, 2, 1, 8) * 1000);
    expect(parseIsoPosition('2026-03-01T08:00Z')).toBe(Date.UTC(2026, 2, 1, 8) * 1000);
    expect(parseIsoPosition('2026-03-01T08:00:00.123456789Z')).toBe(Date.UTC(2026, 2, 1, 8) * 1000 + 123456);
  });

  it.each([
    '2026-02-30T00:00:00Z',
    '2026-13-01T00:00:00Z',
    '2026-03-01T24:00:00Z',
    '2026-03-01T08:00:00',
    '2026-03-01',
  ])('refuses %s', (text) => expect(parseIsoPosition(text)).toBeUndefined());
});

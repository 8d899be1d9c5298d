import { formatDuration, MAX_DURATION_MS, parseDuration, parseInstant } from './api-key-lifetime';
import { AccessError } from './principal';

describe(parseDuration.name, () => {
  it.each([
    ['90d', 90 * 86_400_000],
    ['24h', 86_400_000],
    ['2h', 7_200_000],
    ['30m', 1_800_000],
    ['45s', 45_000],
    ['0s', 0],
    [' 1d ', 86_400_000],
    ['36500d', MAX_DURATION_MS],
  ])('reads %j as %d ms', (text, ms) => {
    expect(parseDuration(text, '--overlap')).toBe(ms);
  });

  it.each(['', '90', 'd', '1.5h', '-1h', '1w', '1h30m', '2 h', '36501d', '1e3s', 'PT24H'])(
    'refuses %j, naming the option',
    (text) => {
      expect(() => parseDuration(text, '--expires-in')).toThrow(AccessError);
      expect(() => parseDuration(text, '--expires-in')).toThrow(/^--expires-in: .* is not a duration/);
    },
  );
});

describe(formatDuration.name, () => {
  it.each([
    [86_400_000, '1d'],
    [7_200_000, '2h'],
    [5_400_000, '90m'],
    [45_000, '45s'],
    [1500, '1500ms'],
    [0, '0d'],
  ])('writes %d ms as %j', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });

  it('is read back by parseDuration', () => {
    for (const text of ['90d', '25h', '61m', '59s']) {
      expect(formatDuration(parseDuration(text, 'x'))).toBe(text);
    }
  });
});

describe(parseInstant.name, () => {
  it.each([
    ['2026-12-31', '2026-12-31T00:00:00.000Z'],
    ['2026-12-31T18:00Z', '2026-12-31T18:00:00.000Z'],
    ['2026-12-31T18:00:00Z', '2026-12-31T18:00:00.000Z'],
    ['2026-12-31T18:00:00.25Z', '2026-12-31T18:00:00.250Z'],
    ['2026-12-31T18:00:00+08:00', '2026-12-31T10:00:00.000Z'],
    ['2028-02-29T00:00:00-05:30', '2028-02-29T05:30:00.000Z'],
  ])('reads %j as %s', (text, iso) => {
    expect(parseInstant(text, '--expires-at').toISOString()).toBe(iso);
  });

  it.each([
    '2026-02-30',
    '2027-02-29',
    '2026-13-01',
    '2026-12-31T24:00:00Z',
    '2026-12-31T18:60:00Z',
    '2026-12-31T18:00:00',
    '2026-12-31T18:00:00+25:00',
    '31/12/2026',
    'tomorrow',
    '',
  ])('refuses %j', (text) => {
    expect(() => parseInstant(text, '--expires-at')).toThrow(/^--expires-at: .* is not an ISO 8601 date/);
  });
});

import { isoWithOffset, localDate, localIso } from './time';
import { imoNumber } from './vessels';

describe(localIso.name, () => {
  const at = (iso: string): number => Date.parse(iso);

  it('writes China, Kazakhstan and Belarus times with their fixed offsets', () => {
    expect(localIso(at('2026-03-01T00:00:00Z'), { locode: 'CNCQI', facility: 'TJC' })).toBe(
      '2026-03-01T08:00:00+08:00',
    );
    expect(localIso(at('2026-03-01T00:00:00Z'), { locode: 'KZHOR' })).toBe('2026-03-01T05:00:00+05:00');
    expect(localIso(at('2026-03-01T00:00:00Z'), { locode: 'BYBQT' })).toBe('2026-03-01T03:00:00+03:00');
  });

  it('follows Central European summer time in Poland and Germany', () => {
    expect(localIso(at('2026-03-29T00:59:00Z'), { locode: 'DEDUI' })).toBe('2026-03-29T01:59:00+01:00');
    expect(localIso(at('2026-03-29T01:00:00Z'), { locode: 'DEDUI' })).toBe('2026-03-29T03:00:00+02:00');
    expect(localIso(at('2026-10-25T01:00:00Z'), { locode: 'PLMAA' })).toBe('2026-10-25T02:00:00+01:00');
  });

  it('writes UTC as Z and takes the local date', () => {
    expect(isoWithOffset(at('2026-03-01T12:34:56Z'), 0)).toBe('2026-03-01T12:34:56Z');
    expect(localDate(at('2026-03-01T20:00:00Z'), { locode: 'CNCQI' })).toBe('2026-03-02');
  });
});

describe(imoNumber.name, () => {
  it('appends the IMO check digit', () => {
    expect(imoNumber('907472')).toBe('9074729');
    expect(imoNumber('932148')).toBe('9321483');
  });
});

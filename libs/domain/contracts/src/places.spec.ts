import { FACILITIES, LOCATIONS } from './places';

describe('the places catalogue', () => {
  it('gives every location a real IANA time zone in its own country, and coordinates on the globe', () => {
    for (const location of LOCATIONS) {
      // Intl throws a RangeError on a zone it does not know.
      expect(() => new Intl.DateTimeFormat('en', { timeZone: location.timeZone })).not.toThrow();
      const [lon, lat] = location.lonLat;
      expect([location.locode, Math.abs(lon) <= 180 && Math.abs(lat) <= 90]).toEqual([location.locode, true]);
    }
  });

  it('names the hours a person there lives by: China Standard Time in China, CET in Duisburg in March', () => {
    const offset = (locode: string, at: string) =>
      new Intl.DateTimeFormat('en-GB', {
        timeZone: LOCATIONS.find((l) => l.locode === locode)!.timeZone,
        timeZoneName: 'shortOffset',
      })
        .formatToParts(new Date(at))
        .find((part) => part.type === 'timeZoneName')!.value;
    expect(offset('CNCQI', '2026-03-02T00:00:00Z')).toBe('GMT+8');
    expect(offset('DEDUI', '2026-03-02T00:00:00Z')).toBe('GMT+1');
    expect(offset('DEDUI', '2026-07-02T00:00:00Z')).toBe('GMT+2');
    expect(offset('BYBQT', '2026-03-02T00:00:00Z')).toBe('GMT+3');
    expect(offset('KZHOR', '2026-03-02T00:00:00Z')).toBe('GMT+5');
  });

  it('has a Chinese name for every location and facility', () => {
    const missing = [...LOCATIONS, ...FACILITIES].filter((place) => !/\p{Script=Han}/u.test(place.nameZh));
    expect(missing).toEqual([]);
  });
});

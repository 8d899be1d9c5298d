import { FACILITIES, LOCATIONS, type Location } from '../../../libs/domain/contracts/src/places';
import { currentLanguage, locale } from './i18n';

/** The hubs and ports the dashboard reports on. */
export const HUBS = LOCATIONS.map((l) => l.locode);

/** Each corridor's main places from origin to destination, for the maps. */
export const CORRIDOR_LINES: Readonly<Record<string, readonly string[]>> = {
  CHINA_EUROPE_RAIL: ['CNCQI', 'CNAKL', 'KZHOR', 'BYBQT', 'PLMAA', 'DEDUI'],
  LAND_SEA_CORRIDOR: ['CNCQI', 'CNQZH', 'SGSIN'],
  YANGTZE_RIVER_SEA: ['CNCHQ', 'CNSGH', 'CNNBO'],
};

export const CORRIDORS = ['CHINA_EUROPE_RAIL', 'LAND_SEA_CORRIDOR', 'YANGTZE_RIVER_SEA'] as const;
/** The ports with a clearance programme (baseline and targets). */
export const CLEARANCE_PORTS = ['CNCQI', 'CNQZH'] as const;

const BY_LOCODE = new Map(LOCATIONS.map((l) => [l.locode, l]));

export const location = (locode: string | null | undefined): Location | undefined =>
  locode ? BY_LOCODE.get(locode) : undefined;

/** A place's name in the page's language, with its facility's when given, e.g. "Chongqing · Tuanjiecun rail hub". */
export function placeName(locode: string | null | undefined, facility?: string | null): string {
  const place = location(locode);
  if (place === undefined) {
    return locode ?? '—';
  }
  const zh = currentLanguage() === 'zh';
  const site = facility ? FACILITIES.find((f) => f.locode === locode && f.code === facility) : undefined;
  const name = zh ? place.nameZh : place.nameEn;
  return site ? `${name} · ${zh ? site.nameZh : site.nameEn}` : name;
}

/**
 * An ISO time as a date and time with its zone, in the page's language: the place's local time when the place is
 * known (events happen in UTC+8 and UTC+1), else the reader's own.
 */
export function when(iso: string | null | undefined, locode?: string | null): string {
  if (!iso) {
    return '—';
  }
  // Fields one by one: Intl refuses timeZoneName beside dateStyle / timeStyle (a RangeError in V8).
  return new Intl.DateTimeFormat(locale(), {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: location(locode)?.timeZone,
    timeZoneName: 'shortOffset',
  }).format(new Date(iso));
}

/**
 * The places the platform knows: UN/LOCODEs on the three corridors, and facilities within them.
 * UN/LOCODE has no code for Chongqing's rail hubs, so a facility code names them within CNCQI.
 */
import type { Corridor, FacilityKind, Place } from './tracking-event';

export interface Facility {
  readonly locode: string;
  readonly code: string;
  readonly kind: FacilityKind;
  readonly nameEn: string;
  readonly nameZh?: string;
}

export interface Location {
  readonly locode: string;
  readonly nameEn: string;
  readonly nameZh?: string;
  readonly country: string;
}

export const LOCATIONS: readonly Location[] = [
  { locode: 'CNCQI', nameEn: 'Chongqing', nameZh: '重庆', country: 'CN' },
  { locode: 'CNCHQ', nameEn: 'Chongqing port', nameZh: '重庆港', country: 'CN' },
  { locode: 'CNAKL', nameEn: 'Alashankou', nameZh: '阿拉山口', country: 'CN' },
  { locode: 'CNHRS', nameEn: 'Khorgos (China)', nameZh: '霍尔果斯', country: 'CN' },
  { locode: 'KZHOR', nameEn: 'Khorgos (Kazakhstan)', country: 'KZ' },
  { locode: 'CNERC', nameEn: 'Erenhot', nameZh: '二连浩特', country: 'CN' },
  { locode: 'BYBQT', nameEn: 'Brest', country: 'BY' },
  { locode: 'PLMAA', nameEn: 'Małaszewicze', country: 'PL' },
  { locode: 'DEDUI', nameEn: 'Duisburg', country: 'DE' },
  { locode: 'CNQZH', nameEn: 'Qinzhou', nameZh: '钦州', country: 'CN' },
  { locode: 'SGSIN', nameEn: 'Singapore', country: 'SG' },
  { locode: 'CNSGH', nameEn: 'Shanghai', nameZh: '上海', country: 'CN' },
  { locode: 'CNNBO', nameEn: 'Ningbo', nameZh: '宁波', country: 'CN' },
];

export const FACILITIES: readonly Facility[] = [
  { locode: 'CNCQI', code: 'TJC', kind: 'RAIL_TERMINAL', nameEn: 'Tuanjiecun rail hub', nameZh: '团结村' },
  { locode: 'CNCQI', code: 'GYP', kind: 'RAIL_TERMINAL', nameEn: 'Guoyuan port station', nameZh: '果园港' },
  { locode: 'CNCQI', code: 'YZS', kind: 'RAIL_TERMINAL', nameEn: 'Yuzui station', nameZh: '鱼嘴站' },
  { locode: 'CNCHQ', code: 'GYT', kind: 'PORT_TERMINAL', nameEn: 'Guoyuan container terminal', nameZh: '果园港码头' },
  { locode: 'CNAKL', code: 'AKB', kind: 'BORDER_STATION', nameEn: 'Alashankou border station' },
  { locode: 'CNHRS', code: 'HRB', kind: 'BORDER_STATION', nameEn: 'Khorgos border station' },
  { locode: 'CNERC', code: 'ERB', kind: 'BORDER_STATION', nameEn: 'Erenhot border station' },
  { locode: 'BYBQT', code: 'BRS', kind: 'BORDER_STATION', nameEn: 'Brest gauge-change station' },
  { locode: 'PLMAA', code: 'MLT', kind: 'RAIL_TERMINAL', nameEn: 'Małaszewicze transhipment terminal' },
  { locode: 'DEDUI', code: 'DIT', kind: 'RAIL_TERMINAL', nameEn: 'Duisburg Intermodal Terminal' },
  { locode: 'CNQZH', code: 'QZE', kind: 'RAIL_TERMINAL', nameEn: 'Qinzhou Port East station', nameZh: '钦州港东站' },
  { locode: 'CNQZH', code: 'QCT', kind: 'PORT_TERMINAL', nameEn: 'Qinzhou container terminal' },
  { locode: 'SGSIN', code: 'PPT', kind: 'PORT_TERMINAL', nameEn: 'Pasir Panjang terminal' },
  { locode: 'CNSGH', code: 'YSP', kind: 'PORT_TERMINAL', nameEn: 'Yangshan deep-water port' },
  { locode: 'CNNBO', code: 'BLT', kind: 'PORT_TERMINAL', nameEn: 'Beilun container terminal' },
];

export const LOCODE_SHAPE = /^[A-Z]{2}[A-Z2-9]{3}$/;

/** Why `place` is not a known place, or undefined when it is. */
export function placeProblem(place: Place): string | undefined {
  if (!LOCODE_SHAPE.test(place.locode)) {
    return `"${place.locode}" is not a UN/LOCODE (2-letter country, 3 letters or digits 2-9)`;
  }
  if (!LOCATIONS.some((l) => l.locode === place.locode)) {
    return `${place.locode} is not a location on the platform's corridors`;
  }
  if (place.facility !== undefined && !FACILITIES.some((f) => f.locode === place.locode && f.code === place.facility)) {
    return `${place.locode} has no facility "${place.facility}" in the catalogue`;
  }
  return undefined;
}

/** Border crossings where a China-Europe train changes gauge (1435 ↔ 1520 mm). */
export const GAUGE_CHANGE_LOCODES = ['CNAKL', 'CNHRS', 'KZHOR', 'CNERC', 'BYBQT', 'PLMAA'] as const;

export const CORRIDOR_TERMINI: Readonly<
  Record<Corridor, { origins: readonly string[]; destinations: readonly string[] }>
> = {
  CHINA_EUROPE_RAIL: { origins: ['CNCQI'], destinations: ['DEDUI', 'PLMAA'] },
  LAND_SEA_CORRIDOR: { origins: ['CNCQI'], destinations: ['SGSIN', 'CNQZH'] },
  YANGTZE_RIVER_SEA: { origins: ['CNCHQ', 'CNCQI'], destinations: ['SGSIN', 'CNSGH', 'CNNBO'] },
};

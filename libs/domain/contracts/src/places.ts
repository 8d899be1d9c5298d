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
  readonly nameZh: string;
}

export interface Location {
  readonly locode: string;
  readonly nameEn: string;
  readonly nameZh: string;
  readonly country: string;
  /** The IANA time zone of the place, in which its local times are shown. */
  readonly timeZone: string;
  /** Longitude and latitude, in degrees, for maps. */
  readonly lonLat: readonly [number, number];
}

export const LOCATIONS: readonly Location[] = [
  {
    locode: 'CNCQI',
    nameEn: 'Chongqing',
    nameZh: '重庆',
    country: 'CN',
    timeZone: 'Asia/Shanghai',
    lonLat: [106.55, 29.56],
  },
  {
    locode: 'CNCHQ',
    nameEn: 'Chongqing port',
    nameZh: '重庆港',
    country: 'CN',
    timeZone: 'Asia/Shanghai',
    lonLat: [106.77, 29.63],
  },
  {
    locode: 'CNAKL',
    nameEn: 'Alashankou',
    nameZh: '阿拉山口',
    country: 'CN',
    timeZone: 'Asia/Shanghai',
    lonLat: [82.57, 45.17],
  },
  {
    locode: 'CNHRS',
    nameEn: 'Khorgos (China)',
    nameZh: '霍尔果斯',
    country: 'CN',
    timeZone: 'Asia/Shanghai',
    lonLat: [80.42, 44.21],
  },
  {
    locode: 'KZHOR',
    nameEn: 'Khorgos (Kazakhstan)',
    nameZh: '霍尔果斯（哈萨克斯坦）',
    country: 'KZ',
    timeZone: 'Asia/Almaty',
    lonLat: [80.26, 44.14],
  },
  {
    locode: 'CNERC',
    nameEn: 'Erenhot',
    nameZh: '二连浩特',
    country: 'CN',
    timeZone: 'Asia/Shanghai',
    lonLat: [111.98, 43.65],
  },
  {
    locode: 'BYBQT',
    nameEn: 'Brest',
    nameZh: '布列斯特',
    country: 'BY',
    timeZone: 'Europe/Minsk',
    lonLat: [23.69, 52.09],
  },
  {
    locode: 'PLMAA',
    nameEn: 'Małaszewicze',
    nameZh: '马拉舍维奇',
    country: 'PL',
    timeZone: 'Europe/Warsaw',
    lonLat: [23.55, 52.03],
  },
  {
    locode: 'DEDUI',
    nameEn: 'Duisburg',
    nameZh: '杜伊斯堡',
    country: 'DE',
    timeZone: 'Europe/Berlin',
    lonLat: [6.76, 51.43],
  },
  {
    locode: 'CNQZH',
    nameEn: 'Qinzhou',
    nameZh: '钦州',
    country: 'CN',
    timeZone: 'Asia/Shanghai',
    lonLat: [108.62, 21.68],
  },
  {
    locode: 'SGSIN',
    nameEn: 'Singapore',
    nameZh: '新加坡',
    country: 'SG',
    timeZone: 'Asia/Singapore',
    lonLat: [103.82, 1.26],
  },
  {
    locode: 'CNSGH',
    nameEn: 'Shanghai',
    nameZh: '上海',
    country: 'CN',
    timeZone: 'Asia/Shanghai',
    lonLat: [122.07, 30.63],
  },
  {
    locode: 'CNNBO',
    nameEn: 'Ningbo',
    nameZh: '宁波',
    country: 'CN',
    timeZone: 'Asia/Shanghai',
    lonLat: [121.87, 29.93],
  },
];

export const FACILITIES: readonly Facility[] = [
  { locode: 'CNCQI', code: 'TJC', kind: 'RAIL_TERMINAL', nameEn: 'Tuanjiecun rail hub', nameZh: '团结村' },
  { locode: 'CNCQI', code: 'GYP', kind: 'RAIL_TERMINAL', nameEn: 'Guoyuan port station', nameZh: '果园港' },
  { locode: 'CNCQI', code: 'YZS', kind: 'RAIL_TERMINAL', nameEn: 'Yuzui station', nameZh: '鱼嘴站' },
  { locode: 'CNCHQ', code: 'GYT', kind: 'PORT_TERMINAL', nameEn: 'Guoyuan container terminal', nameZh: '果园港码头' },
  {
    locode: 'CNAKL',
    code: 'AKB',
    kind: 'BORDER_STATION',
    nameEn: 'Alashankou border station',
    nameZh: '阿拉山口口岸站',
  },
  { locode: 'CNHRS', code: 'HRB', kind: 'BORDER_STATION', nameEn: 'Khorgos border station', nameZh: '霍尔果斯口岸站' },
  { locode: 'CNERC', code: 'ERB', kind: 'BORDER_STATION', nameEn: 'Erenhot border station', nameZh: '二连浩特口岸站' },
  {
    locode: 'BYBQT',
    code: 'BRS',
    kind: 'BORDER_STATION',
    nameEn: 'Brest gauge-change station',
    nameZh: '布列斯特换装站',
  },
  {
    locode: 'PLMAA',
    code: 'MLT',
    kind: 'RAIL_TERMINAL',
    nameEn: 'Małaszewicze transhipment terminal',
    nameZh: '马拉舍维奇换装场',
  },
  {
    locode: 'DEDUI',
    code: 'DIT',
    kind: 'RAIL_TERMINAL',
    nameEn: 'Duisburg Intermodal Terminal',
    nameZh: '杜伊斯堡多式联运场站',
  },
  { locode: 'CNQZH', code: 'QZE', kind: 'RAIL_TERMINAL', nameEn: 'Qinzhou Port East station', nameZh: '钦州港东站' },
  {
    locode: 'CNQZH',
    code: 'QCT',
    kind: 'PORT_TERMINAL',
    nameEn: 'Qinzhou container terminal',
    nameZh: '钦州港集装箱码头',
  },
  { locode: 'SGSIN', code: 'PPT', kind: 'PORT_TERMINAL', nameEn: 'Pasir Panjang terminal', nameZh: '巴西班让码头' },
  { locode: 'CNSGH', code: 'YSP', kind: 'PORT_TERMINAL', nameEn: 'Yangshan deep-water port', nameZh: '洋山深水港' },
  {
    locode: 'CNNBO',
    code: 'BLT',
    kind: 'PORT_TERMINAL',
    nameEn: 'Beilun container terminal',
    nameZh: '北仑集装箱码头',
  },
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

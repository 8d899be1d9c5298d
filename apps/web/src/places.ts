/** The corridors' places, for the map: longitude and latitude, and which corridor lines pass through them. */
export const MAP_PLACES: Readonly<Record<string, readonly [number, number]>> = {
  CNCQI: [106.55, 29.56],
  CNCHQ: [106.72, 29.62],
  CNAKL: [82.57, 45.17],
  CNHRS: [80.42, 44.21],
  KZHOR: [80.2, 44.2],
  CNERC: [111.98, 43.65],
  BYBQT: [23.69, 52.1],
  PLMAA: [23.33, 52.03],
  DEDUI: [6.76, 51.43],
  CNQZH: [108.62, 21.68],
  SGSIN: [103.85, 1.29],
  CNSGH: [121.47, 31.23],
  CNNBO: [121.55, 29.87],
};

export const CORRIDOR_LINES: Readonly<Record<string, readonly string[]>> = {
  CHINA_EUROPE_RAIL: ['CNCQI', 'CNAKL', 'KZHOR', 'BYBQT', 'PLMAA', 'DEDUI'],
  LAND_SEA_CORRIDOR: ['CNCQI', 'CNQZH', 'SGSIN'],
  YANGTZE_RIVER_SEA: ['CNCHQ', 'CNSGH', 'CNNBO'],
};

export const CORRIDORS = ['CHINA_EUROPE_RAIL', 'LAND_SEA_CORRIDOR', 'YANGTZE_RIVER_SEA'] as const;
/** The ports with a clearance programme (baseline and targets). */
export const CLEARANCE_PORTS = ['CNCQI', 'CNQZH'] as const;
export const HUBS = Object.keys(MAP_PLACES);

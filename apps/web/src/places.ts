/** The hubs and ports the dashboard reports on. */
export const HUBS = [
  'CNCQI',
  'CNCHQ',
  'CNAKL',
  'CNHRS',
  'KZHOR',
  'CNERC',
  'BYBQT',
  'PLMAA',
  'DEDUI',
  'CNQZH',
  'SGSIN',
  'CNSGH',
  'CNNBO',
];

/** Each corridor's main places from origin to destination, for the schematic map. */
export const CORRIDOR_LINES: Readonly<Record<string, readonly string[]>> = {
  CHINA_EUROPE_RAIL: ['CNCQI', 'CNAKL', 'KZHOR', 'BYBQT', 'PLMAA', 'DEDUI'],
  LAND_SEA_CORRIDOR: ['CNCQI', 'CNQZH', 'SGSIN'],
  YANGTZE_RIVER_SEA: ['CNCHQ', 'CNSGH', 'CNNBO'],
};

export const CORRIDORS = ['CHINA_EUROPE_RAIL', 'LAND_SEA_CORRIDOR', 'YANGTZE_RIVER_SEA'] as const;
/** The ports with a clearance programme (baseline and targets). */
export const CLEARANCE_PORTS = ['CNCQI', 'CNQZH'] as const;

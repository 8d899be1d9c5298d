import type { Corridor, Place, TransportMode } from '@mmt/contracts';

/** Checked in this order: the first corridor whose places (or modes) the journey touches. */
const CORRIDOR_SIGNS: readonly { corridor: Corridor; locodes: readonly string[]; modes: readonly TransportMode[] }[] = [
  {
    corridor: 'CHINA_EUROPE_RAIL',
    locodes: ['CNAKL', 'CNHRS', 'KZHOR', 'CNERC', 'BYBQT', 'PLMAA', 'DEDUI'],
    modes: [],
  },
  // Before the Land-Sea Corridor: river-sea containers sail on to Singapore too, after a barge and Shanghai or Ningbo.
  { corridor: 'YANGTZE_RIVER_SEA', locodes: ['CNSGH', 'CNNBO'], modes: ['BARGE'] },
  { corridor: 'LAND_SEA_CORRIDOR', locodes: ['CNQZH', 'SGSIN'], modes: [] },
];

/** The corridor the journey's places and transport modes point to, if any. */
export function detectCorridor(places: readonly Place[], modes: readonly TransportMode[]): Corridor | undefined {
  return CORRIDOR_SIGNS.find(
    (sign) =>
      places.some((place) => sign.locodes.includes(place.locode)) || modes.some((mode) => sign.modes.includes(mode)),
  )?.corridor;
}

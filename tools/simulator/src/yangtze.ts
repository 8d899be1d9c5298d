/**
 * YANGTZE_RIVER_SEA: a barge from Chongqing port (Guoyuan terminal) down the Yangtze to Shanghai (Yangshan)
 * or Ningbo (Beilun), discharge, export customs, LOAD onto an ocean vessel, which sails to Singapore (Pasir
 * Panjang), where the container is discharged and gated out. Through bills of lading from Chongqing to
 * Singapore, as river-sea carriers issue them (the barge is the on-carrier's pre-carriage); manifests for barge
 * and vessel.
 */
import type { Place } from '@mmt/contracts';
import { emitCustoms, emitLoading, emitManifest, type Leg } from './emit';
import type { Feed } from './feed';
import { organisation, organisations } from './organisations';
import { bookAndLoadFirstLeg } from './first-leg';
import { DAY, HOUR, localDate, toMinute } from './time';
import { PASIR_PANJANG, sailOn } from './ocean-leg';
import { bargeVoyage, vesselVoyage } from './vessels';

const SOURCE = 'COASTAL_PORT';
const GUOYUAN_TERMINAL: Place = { locode: 'CNCHQ', facility: 'GYT' };
const COASTAL_PORTS: readonly Place[] = [
  { locode: 'CNSGH', facility: 'YSP' },
  { locode: 'CNNBO', facility: 'BLT' },
];

/** One barge load and its ocean vessel; returns how many containers it carried. */
export function yangtzeBarge(feed: Feed, size: number, departAt: number): number {
  const { rng } = feed;
  const port = rng.pick(COASTAL_PORTS);
  const depart = toMinute(departAt);
  const bargeArrive = depart + rng.between(7, 10) * DAY;
  const sail = toMinute(bargeArrive + rng.between(3, 4.5) * DAY);
  const seaArrive = sail + rng.between(4.5, 7) * DAY;

  const barge = bargeVoyage(feed, localDate(depart, GUOYUAN_TERMINAL));
  const vessel = vesselVoyage(feed, localDate(sail, port), 'S');
  const bargeLeg: Leg = {
    source: SOURCE,
    conveyance: barge,
    from: GUOYUAN_TERMINAL,
    to: port,
    depart,
    arrive: bargeArrive,
  };
  const seaLeg: Leg = {
    source: SOURCE,
    conveyance: vessel,
    from: port,
    to: PASIR_PANJANG,
    depart: sail,
    arrive: seaArrive,
  };

  const boxes = bookAndLoadFirstLeg(feed, {
    leg: bargeLeg,
    corridor: 'YANGTZE_RIVER_SEA',
    destination: PASIR_PANJANG,
    shipments: {
      containers: size,
      documentType: 'BILL_OF_LADING',
      documentNo: () => `CQYB${rng.digits(10)}`,
      containersPerDocument: [1, 6],
      owners: ['CSNU', 'OOLU', 'MSKU', 'TGHU'],
      shippers: organisations('org-cq-autoparts', 'org-cq-electronics', 'org-cq-motorcycles'),
      coldShippers: organisations('org-cq-agri'),
      consignees: organisations('org-sg-jurong', 'org-sg-lionport'),
      forwarders: organisations('org-fwd-yangtze'),
      dryCargo: ['Automobile parts', 'Ceramic tiles', 'Industrial chemicals (non-hazardous)', 'Notebook computers'],
      coldCargo: ['Frozen citrus concentrate'],
      coldChainShare: 0.08,
    },
    plannedEarlyHours: 8,
    plannedTransitDays: 18,
    issuedDaysBefore: [3.5, 7],
    manifestNo: () => `CQBM${rng.digits(9)}`,
    carrier: 'org-car-barge',
    gateInHoursBefore: [20, 72],
    loadHoursBefore: [2, 12],
  });
  for (const box of boxes) {
    const discharged = bargeArrive + rng.between(2, 12) * HOUR;
    emitLoading(feed, SOURCE, box, 'DISCHARGE', port, discharged, barge);
    emitCustoms(feed, SOURCE, box, port, discharged);
    emitLoading(feed, SOURCE, box, 'LOAD', port, sail - rng.between(2, 16) * HOUR, vessel);
  }
  emitManifest(feed, {
    source: SOURCE,
    manifestNo: feed.unique(() => `${port.locode.slice(2)}M${rng.digits(9)}`),
    conveyance: vessel,
    placeOfLoading: port,
    placeOfDischarge: PASIR_PANJANG,
    carrier: organisation('org-car-ocean'),
    boxes,
    depart: sail,
  });
  sailOn(feed, seaLeg, boxes);
  return boxes.length;
}

/**
 * YANGTZE_RIVER_SEA: a barge from Chongqing port (Guoyuan terminal) down the Yangtze to Shanghai (Yangshan)
 * or Ningbo (Beilun), discharge, export customs, LOAD onto an ocean vessel, and the vessel sails (its arrival
 * abroad is beyond the corridor). Bills of lading to the coastal port; manifests for barge and vessel.
 */
import type { Place } from '@mmt/contracts';
import { emitCustoms, emitLeg, emitLoading, emitManifest, emitWaybill, type Box, type Leg } from './emit';
import type { Feed } from './feed';
import { organisation, organisations } from './organisations';
import { planShipments } from './shipments';
import { DAY, HOUR, localDate, toMinute } from './time';
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

  const barge = bargeVoyage(feed, localDate(depart, GUOYUAN_TERMINAL));
  const vessel = vesselVoyage(feed, localDate(sail, port), 'E');
  const bargeLeg: Leg = {
    source: SOURCE,
    conveyance: barge,
    from: GUOYUAN_TERMINAL,
    to: port,
    depart,
    arrive: bargeArrive,
  };
  const seaLeg: Leg = { source: SOURCE, conveyance: vessel, from: port, to: port, depart: sail };

  const shipments = planShipments(feed, {
    containers: size,
    documentType: 'BILL_OF_LADING',
    documentNo: () => `CQYB${rng.digits(10)}`,
    containersPerDocument: [1, 6],
    owners: ['CSNU', 'OOLU', 'MSKU', 'TGHU'],
    shippers: organisations('org-cq-autoparts', 'org-cq-electronics', 'org-cq-motorcycles'),
    coldShippers: organisations('org-cq-agri'),
    consignees: organisations('org-cn-eastsea'),
    forwarders: organisations('org-fwd-yangtze'),
    dryCargo: ['Automobile parts', 'Ceramic tiles', 'Industrial chemicals (non-hazardous)', 'Notebook computers'],
    coldCargo: ['Frozen citrus concentrate'],
    coldChainShare: 0.08,
  });
  const plannedDeparture = depart - rng.int(0, 8) * HOUR;
  for (const shipment of shipments) {
    emitWaybill(feed, shipment, {
      source: SOURCE,
      corridor: 'YANGTZE_RIVER_SEA',
      origin: GUOYUAN_TERMINAL,
      destination: port,
      issuedAt: depart - rng.between(3.5, 7) * DAY,
      plannedDeparture,
      plannedArrival: plannedDeparture + 9 * DAY,
    });
  }
  const boxes: Box[] = shipments.flatMap((s) => s.boxes);

  emitManifest(feed, {
    source: SOURCE,
    manifestNo: feed.unique(() => `CQBM${rng.digits(9)}`),
    conveyance: barge,
    placeOfLoading: GUOYUAN_TERMINAL,
    placeOfDischarge: port,
    carrier: organisation('org-car-barge'),
    boxes,
    depart,
  });
  for (const box of boxes) {
    emitLoading(feed, SOURCE, box, 'GATE_IN', GUOYUAN_TERMINAL, depart - rng.between(20, 72) * HOUR);
    emitLoading(feed, SOURCE, box, 'LOAD', GUOYUAN_TERMINAL, depart - rng.between(2, 12) * HOUR, barge);
  }
  emitLeg(feed, bargeLeg, boxes);
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
    placeOfDischarge: { locode: 'SGSIN', facility: 'PPT' },
    carrier: organisation('org-car-ocean'),
    boxes,
    depart: sail,
  });
  emitLeg(feed, seaLeg, boxes);
  return boxes.length;
}

/**
 * LAND_SEA_CORRIDOR: a rail train from Chongqing (Guoyuan or Yuzui) to Qinzhou Port East, discharge, gate
 * in at the Qinzhou container terminal, export customs, LOAD onto a vessel that sails to Singapore
 * (Pasir Panjang). Bills of lading or sea waybills; a manifest for the train and one for the vessel.
 */
import { conveyanceKey, type Conveyance, type Place } from '@mmt/contracts';
import { emitCustoms, emitLoading, emitManifest, type Leg } from './emit';
import type { Feed } from './feed';
import { organisation, organisations } from './organisations';
import { bookAndLoadFirstLeg } from './first-leg';
import { PASIR_PANJANG, sailOn } from './ocean-leg';
import { DAY, HOUR, localDate, toMinute } from './time';
import { vesselVoyage } from './vessels';

const RAIL_SOURCE = 'LAND_SEA_CORRIDOR';
const PORT_SOURCE = 'COASTAL_PORT';
const ORIGINS: readonly Place[] = [
  { locode: 'CNCQI', facility: 'GYP' },
  { locode: 'CNCQI', facility: 'YZS' },
];
const QINZHOU_EAST: Place = { locode: 'CNQZH', facility: 'QZE' };
const QINZHOU_TERMINAL: Place = { locode: 'CNQZH', facility: 'QCT' };
/** Share of the containers rolled over to the next vessel at Qinzhou. */
const ROLLED_OVER = 0.05;

/** One train and its vessel; returns how many containers it carried. */
export function landSeaTrain(feed: Feed, size: number, departAt: number): number {
  const { rng } = feed;
  const origin = rng.pick(ORIGINS);
  const depart = toMinute(departAt);
  const railArrive = depart + rng.between(44, 72) * HOUR;
  const sail = toMinute(railArrive + rng.between(3, 4.5) * DAY);
  const seaArrive = sail + rng.between(4.5, 7) * DAY;

  const departureDate = localDate(depart, origin);
  const trainNo = feed.unique(() => `85${rng.digits(3)}@${departureDate}`).split('@')[0];
  const train: Conveyance = { mode: 'RAIL', trainNo, departureDate };
  const vessel = vesselVoyage(feed, localDate(sail, QINZHOU_TERMINAL), 'S');
  const railLeg: Leg = {
    source: RAIL_SOURCE,
    conveyance: train,
    from: origin,
    to: QINZHOU_EAST,
    depart,
    arrive: railArrive,
  };
  const seaLeg: Leg = {
    source: PORT_SOURCE,
    conveyance: vessel,
    from: QINZHOU_TERMINAL,
    to: PASIR_PANJANG,
    depart: sail,
    arrive: seaArrive,
  };

  const documentType = rng.chance(0.6) ? 'BILL_OF_LADING' : 'WAYBILL';
  const boxes = bookAndLoadFirstLeg(feed, {
    leg: railLeg,
    corridor: 'LAND_SEA_CORRIDOR',
    destination: PASIR_PANJANG,
    shipments: {
      containers: size,
      documentType,
      documentNo: () => (documentType === 'BILL_OF_LADING' ? `WSCL${rng.digits(10)}` : `SWB${rng.digits(9)}`),
      containersPerDocument: [1, 6],
      owners: ['CSNU', 'OOLU', 'MSKU', 'TGHU'],
      shippers: organisations('org-cq-motorcycles', 'org-cq-autoparts'),
      coldShippers: organisations('org-cq-agri'),
      consignees: organisations('org-sg-straits-fresh', 'org-sg-lionport'),
      forwarders: organisations('org-fwd-landsea'),
      dryCargo: ['Motorcycles', 'Automobile parts', 'Glass fibre', 'Hot-pot seasoning'],
      coldCargo: ['Fresh vegetables', 'Frozen pork'],
      coldChainShare: 0.2,
    },
    plannedEarlyHours: 4,
    plannedTransitDays: 10,
    issuedDaysBefore: [3, 7],
    manifestNo: () => `LSM${departureDate.replaceAll('-', '')}${trainNo}`,
    carrier: 'org-car-rail',
    gateInHoursBefore: [20, 60],
    loadHoursBefore: [3, 10],
  });
  // Now and then a container misses its vessel (a late release, a full ship) and is rolled over to the next one:
  // it stays on the planned vessel's manifest, is loaded on the next vessel and filed on that one's manifest.
  const rolled = boxes.filter(() => rng.chance(ROLLED_OVER));
  const nextSail = toMinute(sail + rng.between(2, 4) * DAY);
  const nextVessel = rolled.length === 0 ? undefined : vesselVoyage(feed, localDate(nextSail, QINZHOU_TERMINAL), 'S');
  for (const box of boxes) {
    const discharged = railArrive + rng.between(1, 6) * HOUR;
    emitLoading(feed, RAIL_SOURCE, box, 'DISCHARGE', QINZHOU_EAST, discharged, train);
    const gateIn = discharged + rng.between(2, 8) * HOUR;
    emitLoading(feed, PORT_SOURCE, box, 'GATE_IN', QINZHOU_TERMINAL, gateIn);
    emitCustoms(feed, PORT_SOURCE, box, QINZHOU_TERMINAL, gateIn);
    if (nextVessel !== undefined && rolled.includes(box)) {
      emitLoading(feed, PORT_SOURCE, box, 'LOAD', QINZHOU_TERMINAL, nextSail - rng.between(2, 16) * HOUR, nextVessel);
      feed.truth.missedConnections.push({
        containerNo: box.containerNo,
        plannedConveyanceKey: conveyanceKey(vessel),
        conveyanceKey: conveyanceKey(nextVessel),
      });
    } else {
      emitLoading(feed, PORT_SOURCE, box, 'LOAD', QINZHOU_TERMINAL, sail - rng.between(2, 16) * HOUR, vessel);
    }
  }
  emitManifest(feed, {
    source: PORT_SOURCE,
    manifestNo: feed.unique(() => `QZM${rng.digits(9)}`),
    conveyance: vessel,
    placeOfLoading: QINZHOU_TERMINAL,
    placeOfDischarge: PASIR_PANJANG,
    carrier: organisation('org-car-ocean'),
    boxes,
    depart: sail,
  });
  const sailed = boxes.filter((box) => !rolled.includes(box));
  sailOn(feed, seaLeg, sailed);
  if (nextVessel !== undefined) {
    emitManifest(feed, {
      source: PORT_SOURCE,
      manifestNo: feed.unique(() => `QZM${rng.digits(9)}`),
      conveyance: nextVessel,
      placeOfLoading: QINZHOU_TERMINAL,
      placeOfDischarge: PASIR_PANJANG,
      carrier: organisation('org-car-ocean'),
      boxes: rolled,
      depart: nextSail,
    });
    const nextArrive = nextSail + rng.between(4.5, 7) * DAY;
    sailOn(feed, { ...seaLeg, conveyance: nextVessel, depart: nextSail, arrive: nextArrive }, rolled);
  }
  return boxes.length;
}

/**
 * CHINA_EUROPE_RAIL: a Chongqing (Tuanjiecun) block train of 40-50 containers to the Chinese border exit,
 * a gauge-change TRANSFER onto a 1520 mm train there, another TRANSFER back to 1435 mm at Brest, then
 * Małaszewicze and Duisburg; 16-20 days in all. CIM/SMGS consignment notes, one manifest per train. At the
 * destination a container is picked up by its consignee or, for about a third, stripped there (devanning).
 */
import type { Conveyance, Place } from '@mmt/contracts';
import { emitCustoms, emitLeg, emitLoading, type Box, type Leg } from './emit';
import type { Feed } from './feed';
import { bookAndLoadFirstLeg } from './first-leg';
import { organisations } from './organisations';
import { DAY, HOUR, localDate, toMinute } from './time';

export const CHINA_EUROPE_TRAIN_SIZE = [40, 50] as const;
/** The share of containers stripped at their destination rather than picked up by the consignee. */
const DEVANNED_SHARE = 0.3;

const SOURCE = 'CHINA_EUROPE_RAIL';
const TUANJIECUN: Place = { locode: 'CNCQI', facility: 'TJC' };
const BORDER_EXITS: readonly { readonly exit: Place; readonly passes: readonly Place[] }[] = [
  { exit: { locode: 'CNAKL', facility: 'AKB' }, passes: [] },
  { exit: { locode: 'CNHRS', facility: 'HRB' }, passes: [{ locode: 'KZHOR' }] },
  { exit: { locode: 'CNERC', facility: 'ERB' }, passes: [] },
];
const BREST: Place = { locode: 'BYBQT', facility: 'BRS' };
const MALASZEWICZE: Place = { locode: 'PLMAA', facility: 'MLT' };
const DUISBURG: Place = { locode: 'DEDUI', facility: 'DIT' };

function rail(
  feed: Feed,
  makeTrainNo: () => string,
  depart: number,
  from: Place,
): Extract<Conveyance, { mode: 'RAIL' }> {
  const departureDate = localDate(depart, from);
  const trainNo = feed.unique(() => `${makeTrainNo()}@${departureDate}`).split('@')[0];
  return { mode: 'RAIL', trainNo, departureDate };
}

/** One train's journeys; returns how many containers it carried. */
export function chinaEuropeTrain(feed: Feed, size: number, departAt: number): number {
  const { rng } = feed;
  const depart = toMinute(departAt);
  const route = rng.pick(BORDER_EXITS);
  const toDuisburg = rng.chance(0.8);
  const destination = toDuisburg ? DUISBURG : MALASZEWICZE;
  const total = rng.between(16, 20) * DAY;

  const arrive1 = depart + total * rng.between(0.16, 0.2);
  const depart2 = arrive1 + total * rng.between(0.03, 0.05);
  const arrive2 = depart2 + total * rng.between(0.5, 0.56);
  const depart3 = arrive2 + total * rng.between(0.05, 0.07);
  const arrive3 = toDuisburg ? depart + total : depart3 + rng.between(3, 8) * HOUR;

  const train1 = rail(feed, () => `X80${rng.digits(2)}`, depart, TUANJIECUN);
  const train2 = rail(feed, () => `${rng.int(1, 9)}${rng.digits(3)}`, depart2, route.exit);
  const train3 = rail(feed, () => `4${rng.digits(4)}`, depart3, BREST);
  const legs: Leg[] = [
    { source: SOURCE, conveyance: train1, from: TUANJIECUN, to: route.exit, depart, arrive: arrive1 },
    {
      source: SOURCE,
      conveyance: train2,
      from: route.exit,
      to: BREST,
      depart: depart2,
      arrive: arrive2,
      passes: route.passes.map((place) => ({ place, at: depart2 + rng.between(2, 6) * HOUR })),
    },
    {
      source: SOURCE,
      conveyance: train3,
      from: BREST,
      to: destination,
      depart: depart3,
      arrive: arrive3,
      passes: toDuisburg ? [{ place: MALASZEWICZE, at: depart3 + rng.between(2, 5) * HOUR }] : [],
    },
  ];

  const boxes = bookAndLoadFirstLeg(feed, {
    leg: legs[0],
    corridor: 'CHINA_EUROPE_RAIL',
    destination,
    shipments: {
      containers: size,
      documentType: 'CIM_SMGS',
      documentNo: () => `SMGS${rng.digits(8)}`,
      containersPerDocument: [1, 4],
      owners: ['CRSU', 'CRSU', 'TGHU', 'CSNU'],
      shippers: organisations('org-cq-electronics', 'org-cq-autoparts'),
      coldShippers: organisations('org-cq-agri'),
      consignees: toDuisburg
        ? organisations('org-de-rheinruhr', 'org-de-nrw-elektronik')
        : organisations('org-pl-vistula'),
      forwarders: organisations('org-fwd-eurasia'),
      dryCargo: [
        'Laptop computers',
        'LCD monitors',
        'Automobile parts',
        'Printers and peripherals',
        'Motorcycle parts',
      ],
      coldCargo: ['Chilled pharmaceuticals', 'Frozen seafood'],
      coldChainShare: 0.1,
    },
    plannedEarlyHours: 6,
    plannedTransitDays: toDuisburg ? 18 : 16,
    issuedDaysBefore: [3, 7],
    manifestNo: () => `MF${train1.departureDate.replaceAll('-', '')}${train1.trainNo}`,
    carrier: 'org-car-rail',
    gateInHoursBefore: [30, 70],
    loadHoursBefore: [3, 12],
  });
  for (const box of boxes) {
    emitLoading(
      feed,
      SOURCE,
      box,
      'TRANSFER',
      route.exit,
      arrive1 + (depart2 - arrive1) * rng.between(0.2, 0.9),
      train2,
    );
  }
  emitLeg(feed, legs[1], boxes);
  for (const box of boxes) {
    emitLoading(feed, SOURCE, box, 'TRANSFER', BREST, arrive2 + (depart3 - arrive2) * rng.between(0.2, 0.9), train3);
  }
  emitLeg(feed, legs[2], boxes);
  for (const box of boxes) {
    const discharged = arrive3 + rng.between(1, 8) * HOUR;
    emitLoading(feed, SOURCE, box, 'DISCHARGE', destination, discharged, train3);
    if (rng.chance(DEVANNED_SHARE)) {
      devan(feed, box, destination, discharged);
    } else {
      const released = emitCustoms(feed, SOURCE, box, destination, discharged);
      emitLoading(feed, SOURCE, box, 'GATE_OUT', destination, released + rng.between(2, 48) * HOUR);
    }
  }
  return boxes.length;
}

/**
 * A container unpacked at the destination: gated into the terminal's bonded freight station, cleared there, then
 * stripped (its cargo leaves on trucks, the box stays).
 */
function devan(feed: Feed, box: Box, destination: Place, discharged: number): void {
  const { rng } = feed;
  const gateIn = discharged + rng.between(1, 10) * HOUR;
  emitLoading(feed, SOURCE, box, 'GATE_IN', destination, gateIn);
  const released = emitCustoms(feed, SOURCE, box, destination, gateIn);
  emitLoading(feed, SOURCE, box, 'STRIPPING', destination, released + rng.between(2, 30) * HOUR);
}

import type {
  Classifier,
  Conveyance,
  DocumentRef,
  DocumentStatus,
  EquipmentEventCode,
  Place,
  ShipmentEvent,
  SourceSystem,
  TrackingEvent,
  TransportEventCode,
} from '@mmt/contracts';
import { makeContainerNo } from '@mmt/contracts';
import fc from 'fast-check';
import { CARRIER, CONSIGNEE, SHIPPER } from './tracking-event.factory';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const FIRST_TRIP_START = Date.parse('2026-03-01T00:00:00Z');
/** Trips of one container start this far apart, so that each ends before the next begins. */
const TRIP_SPACING_MS = 45 * DAY_MS;

interface RouteLeg {
  readonly conveyance: Conveyance;
  readonly from: Place;
  readonly to: Place;
  readonly hours: number;
  /** A border the conveyance passes on the way. */
  readonly crossing?: Place;
  /** Whether the container changes onto this conveyance by a gauge-change TRANSFER rather than a LOAD. */
  readonly transferredOnto?: boolean;
}

interface Route {
  readonly source: SourceSystem;
  readonly legs: readonly RouteLeg[];
  /** The leg whose end is the waybill's destination, when the container is carried on beyond it; else the last. */
  readonly documentEndsWithLeg?: number;
}

const ROUTES: readonly Route[] = [
  {
    source: 'CHINA_EUROPE_RAIL',
    legs: [
      {
        conveyance: { mode: 'RAIL', trainNo: 'X8001', departureDate: '2026-03-01' },
        from: { locode: 'CNCQI', facility: 'TJC' },
        to: { locode: 'CNAKL', facility: 'AKB' },
        hours: 62,
      },
      {
        conveyance: { mode: 'RAIL', trainNo: 'X8001K', departureDate: '2026-03-04' },
        from: { locode: 'CNAKL', facility: 'AKB' },
        to: { locode: 'BYBQT', facility: 'BRS' },
        hours: 200,
        crossing: { locode: 'KZHOR' },
        transferredOnto: true,
      },
      {
        conveyance: { mode: 'RAIL', trainNo: 'X8001E', departureDate: '2026-03-14' },
        from: { locode: 'BYBQT', facility: 'BRS' },
        to: { locode: 'DEDUI', facility: 'DIT' },
        hours: 80,
        crossing: { locode: 'PLMAA', facility: 'MLT' },
        transferredOnto: true,
      },
    ],
  },
  {
    source: 'LAND_SEA_CORRIDOR',
    legs: [
      {
        conveyance: { mode: 'RAIL', trainNo: 'X9501', departureDate: '2026-03-02' },
        from: { locode: 'CNCQI', facility: 'GYP' },
        to: { locode: 'CNQZH', facility: 'QZE' },
        hours: 40,
      },
      {
        conveyance: { mode: 'VESSEL', imo: '9811000', voyage: '012S' },
        from: { locode: 'CNQZH', facility: 'QCT' },
        to: { locode: 'SGSIN', facility: 'PPT' },
        hours: 130,
      },
    ],
  },
  {
    source: 'COASTAL_PORT',
    legs: [
      {
        conveyance: { mode: 'BARGE', name: 'Yuhai 18', voyage: 'YH0301' },
        from: { locode: 'CNCHQ', facility: 'GYT' },
        to: { locode: 'CNSGH', facility: 'YSP' },
        hours: 170,
      },
    ],
  },
  {
    // A bill of lading to Shanghai, and the container carried on from there under it (a transshipment).
    source: 'COASTAL_PORT',
    documentEndsWithLeg: 0,
    legs: [
      {
        conveyance: { mode: 'BARGE', name: 'Yuhai 21', voyage: 'YH0302' },
        from: { locode: 'CNCHQ', facility: 'GYT' },
        to: { locode: 'CNSGH', facility: 'YSP' },
        hours: 170,
      },
      {
        conveyance: { mode: 'VESSEL', imo: '9417359', voyage: '031S' },
        from: { locode: 'CNSGH', facility: 'YSP' },
        to: { locode: 'SGSIN', facility: 'PPT' },
        hours: 120,
      },
    ],
  },
];

/** The random choices behind one trip; everything else follows from them. */
interface TripPlan {
  readonly route: Route;
  readonly waybillType: 'CIM_SMGS' | 'BILL_OF_LADING';
  readonly waybillRef: string;
  readonly startJitterHours: number;
  /** How far the trip got: the number of route steps (see tripSteps) that actually happened. */
  readonly progress: number;
  readonly lateHours: readonly number[];
  readonly amended: boolean;
  readonly cancelled: boolean;
  readonly manifestStatuses: readonly DocumentStatus[];
  readonly customs: readonly ('CUSS' | 'CUSI' | 'CUSR')[];
  readonly estimateRevisions: number;
  /** Cycled through: whether each event carries the waybill, and whether its times are written in UTC. */
  readonly documented: readonly boolean[];
  readonly inUtc: readonly boolean[];
}

const tripPlanArbitrary: fc.Arbitrary<TripPlan> = fc.record({
  route: fc.constantFrom(...ROUTES),
  waybillType: fc.constantFrom('CIM_SMGS' as const, 'BILL_OF_LADING' as const),
  waybillRef: fc.stringMatching(/^[A-Z]{2}-[0-9]{4}$/),
  startJitterHours: fc.integer({ min: 0, max: 72 }),
  progress: fc.integer({ min: 0, max: 12 }),
  lateHours: fc.array(fc.integer({ min: -6, max: 30 }), { minLength: 3, maxLength: 3 }),
  amended: fc.boolean(),
  cancelled: fc.integer({ min: 0, max: 9 }).map((roll) => roll === 0),
  manifestStatuses: fc.subarray(['ACCEPTED', 'HELD', 'RELEASED'] as DocumentStatus[]),
  customs: fc.subarray(['CUSS', 'CUSI', 'CUSR'] as const),
  estimateRevisions: fc.integer({ min: 0, max: 2 }),
  documented: fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }),
  inUtc: fc.array(fc.boolean(), { minLength: 5, maxLength: 5 }),
});

/** Writes an instant with either a +08:00 (Chongqing) or a Z offset. */
function isoTime(ms: number, inUtc: boolean): string {
  return inUtc ? new Date(ms).toISOString() : new Date(ms + 8 * HOUR_MS).toISOString().replace(/\.\d{3}Z$/, '+08:00');
}

/** The same service on a later trip: a later train, another voyage. */
function conveyanceOnTrip(conveyance: Conveyance, trip: number): Conveyance {
  switch (conveyance.mode) {
    case 'RAIL': {
      const departureDate = new Date(Date.parse(conveyance.departureDate) + trip * TRIP_SPACING_MS);
      return { ...conveyance, departureDate: departureDate.toISOString().slice(0, 10) };
    }
    case 'VESSEL':
    case 'BARGE':
      return { ...conveyance, voyage: `${conveyance.voyage}-${trip}` };
    case 'TRUCK':
      return conveyance;
  }
}

/** Builds the events of one trip; `trip` numbers the container's trips and prefixes every eventId. */
function tripEvents(containerNo: string, trip: number, plan: TripPlan): TrackingEvent[] {
  const start = FIRST_TRIP_START + trip * TRIP_SPACING_MS + plan.startJitterHours * HOUR_MS;
  const waybill: DocumentRef = { type: plan.waybillType, ref: `${plan.waybillRef}-${trip}` };
  const manifest: DocumentRef = { type: 'MANIFEST', ref: `MF-${trip}-${plan.route.legs[0].conveyance.mode}` };
  const events: TrackingEvent[] = [];
  let count = 0;
  const envelope = (classifier: Classifier, at: number, createdAt: number) => {
    count += 1;
    const inUtc = plan.inUtc[count % plan.inUtc.length];
    return {
      eventId: `t${trip}-${String(count).padStart(3, '0')}`,
      classifier,
      eventDateTime: isoTime(at, inUtc),
      eventCreatedDateTime: isoTime(createdAt, !inUtc),
      receivedAt: isoTime(createdAt + HOUR_MS, inUtc),
      source: { system: plan.route.source, rawKind: 'IN_TRANSIT' as const, rawRef: `raw/t${trip}/${count}` },
      containerNo,
      documents: plan.documented[count % plan.documented.length] ? [waybill] : [],
    };
  };
  const plannedArrival = start + (24 + plan.route.legs.reduce((sum, leg) => sum + leg.hours + 20, 0)) * HOUR_MS;
  const shipment = (
    at: number,
    document: DocumentRef,
    documentStatus: DocumentStatus,
    fields: Partial<ShipmentEvent>,
  ): ShipmentEvent => ({
    ...envelope('ACT', at, at),
    source: {
      system: plan.route.source,
      rawKind: document.type === 'MANIFEST' ? 'MANIFEST' : 'WAYBILL',
      rawRef: `raw/t${trip}/${count}`,
    },
    eventType: 'SHIPMENT',
    document,
    documents: document.type === 'MANIFEST' ? [waybill, manifest] : [],
    documentStatus,
    parties: document.type === 'MANIFEST' ? [CARRIER] : [SHIPPER, CONSIGNEE],
    ...fields,
  });
  const legs = plan.route.legs.map((leg) => ({ ...leg, conveyance: conveyanceOnTrip(leg.conveyance, trip) }));
  const origin = legs[0].from;
  const destination = legs[plan.route.documentEndsWithLeg ?? legs.length - 1].to;
  const waybillFields: Partial<ShipmentEvent> = {
    origin,
    destination,
    coldChain: plan.waybillRef.startsWith('R'),
    isoSizeType: '45G1',
    plannedArrival: isoTime(plannedArrival, false),
  };
  events.push(shipment(start, waybill, 'ISSUED', waybillFields));
  if (plan.amended) {
    events.push(
      shipment(start + 5 * HOUR_MS, waybill, 'AMENDED', {
        ...waybillFields,
        plannedArrival: isoTime(plannedArrival + DAY_MS, true),
        parties: [SHIPPER, CONSIGNEE, { role: 'FORWARDER', orgId: 'org-fwd', name: 'Forwarder' }],
      }),
    );
  }
  if (plan.cancelled) {
    events.push(shipment(start + 6 * HOUR_MS, waybill, 'CANCELLED', {}));
  }
  const firstLeg = legs[0];
  const manifestFields = { conveyance: firstLeg.conveyance, origin: firstLeg.from, destination: firstLeg.to };
  events.push(shipment(start + 10 * HOUR_MS, manifest, 'FILED', manifestFields));
  plan.manifestStatuses.forEach((status, index) =>
    events.push(shipment(start + (12 + index * 3) * HOUR_MS, manifest, status, manifestFields)),
  );

  let step = 0;
  const happened = () => {
    step += 1;
    return step <= plan.progress;
  };
  const equipment = (code: EquipmentEventCode, at: number, location: Place, conveyance?: Conveyance) =>
    events.push({
      ...envelope('ACT', at, at + HOUR_MS),
      eventType: 'EQUIPMENT',
      equipmentEventTypeCode: code,
      location,
      ...(conveyance === undefined ? {} : { conveyance }),
    });
  const transport = (
    code: TransportEventCode,
    classifier: Classifier,
    at: number,
    createdAt: number,
    leg: RouteLeg,
    location: Place,
  ) =>
    events.push({
      ...envelope(classifier, at, createdAt),
      eventType: 'TRANSPORT',
      transportEventTypeCode: code,
      conveyance: leg.conveyance,
      location,
    });

  let clock = start + 20 * HOUR_MS;
  if (happened()) {
    equipment('GTIN', clock, origin);
    plan.customs.forEach((code, index) => equipment(code, clock + (index + 1) * HOUR_MS, origin));
  }
  legs.forEach((leg, index) => {
    const late = plan.lateHours[index % plan.lateHours.length] * HOUR_MS;
    const plannedDeparture = clock + 12 * HOUR_MS;
    transport('DEPA', 'PLN', plannedDeparture, start, leg, leg.from);
    for (let revision = 0; revision < plan.estimateRevisions; revision += 1) {
      const createdAt = start + (revision + 1) * 2 * HOUR_MS;
      transport('DEPA', 'EST', plannedDeparture + (late * (revision + 1)) / 2, createdAt, leg, leg.from);
    }
    transport('ARRI', 'EST', plannedDeparture + late + leg.hours * HOUR_MS, start + 3 * HOUR_MS, leg, leg.to);
    if (happened()) {
      equipment(leg.transferredOnto === true ? 'TRANSFER' : 'LOAD', clock + 6 * HOUR_MS, leg.from, leg.conveyance);
    }
    const departed = plannedDeparture + late;
    if (happened()) {
      transport('DEPA', 'ACT', departed, departed + HOUR_MS, leg, leg.from);
    }
    if (leg.crossing !== undefined && happened()) {
      equipment('CROS', departed + (leg.hours / 2) * HOUR_MS, leg.crossing, leg.conveyance);
    }
    const arrived = departed + leg.hours * HOUR_MS;
    if (happened()) {
      transport('ARRI', 'ACT', arrived, arrived + 2 * HOUR_MS, leg, leg.to);
      equipment('DISC', arrived + 2 * HOUR_MS, leg.to, leg.conveyance);
    }
    clock = arrived + 8 * HOUR_MS;
  });
  if (happened()) {
    equipment('GTOT', clock, legs[legs.length - 1].to);
  }
  return events;
}

/** A container's history: one or two trips under their own waybills on a real corridor route. */
export const containerHistoryArbitrary: fc.Arbitrary<TrackingEvent[]> = fc
  .record({
    serial: fc.integer({ min: 0, max: 999_999 }),
    trips: fc.array(tripPlanArbitrary, { minLength: 1, maxLength: 2 }),
  })
  .map(({ serial, trips }) => {
    const containerNo = makeContainerNo('CSQU', serial);
    return trips.flatMap((plan, trip) => tripEvents(containerNo, trip, plan));
  });

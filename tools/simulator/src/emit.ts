/** Builders for the four raw message kinds, shared by the corridors. */
import {
  conveyanceKey,
  TOPICS,
  type Classifier,
  type Conveyance,
  type Corridor,
  type DocumentRef,
  type LoadingOperation,
  type Place,
  type RawInTransit,
  type RawLoading,
  type RawManifest,
  type RawSchedule,
  type RawWaybill,
  type SourceSystem,
} from '@mmt/contracts';
import type { Feed } from './feed';
import { brokersAt, party, type Organisation } from './organisations';
import { DAY, HOUR, localIso, MINUTE, toMinute } from './time';

/** One container on one journey. */
export interface Box {
  readonly containerNo: string;
  readonly isoSizeType: string;
  readonly seal: string;
  /** The waybill, bill of lading or CIM/SMGS note it travels under. */
  readonly document: DocumentRef;
}

/** One transport document and the containers it covers. */
export interface Shipment {
  readonly document: DocumentRef & { readonly type: RawWaybill['documentType'] };
  readonly boxes: readonly Box[];
  readonly coldChain: boolean;
  readonly cargo: string;
  readonly shipper: Organisation;
  readonly consignee: Organisation;
  readonly forwarder?: Organisation;
}

/** One conveyance moving a set of containers from one place to the next. */
export interface Leg {
  readonly source: SourceSystem;
  readonly conveyance: Conveyance;
  readonly from: Place;
  readonly to: Place;
  readonly depart: number;
  /** Absent when the platform sees the conveyance leave but not arrive (it sails beyond the corridor). */
  readonly arrive?: number;
  readonly passes?: readonly { readonly place: Place; readonly at: number }[];
}

const SEALED_OPERATIONS: readonly LoadingOperation[] = ['GATE_IN', 'LOAD', 'TRANSFER', 'DISCHARGE'];

export function emitLoading(
  feed: Feed,
  source: SourceSystem,
  box: Box,
  operation: LoadingOperation,
  location: Place,
  at: number,
  conveyance?: Conveyance,
  extra: Pick<RawLoading, 'customsBroker' | 'declarationNo'> = {},
): void {
  const eventMs = toMinute(at);
  const sentMs = eventMs + feed.reportDelay();
  const message: RawLoading = {
    ...feed.envelope(source, sentMs, location),
    kind: 'LOADING',
    containerNo: box.containerNo,
    operation,
    classifier: 'ACT',
    eventTime: localIso(eventMs, location),
    location,
    ...(conveyance === undefined ? {} : { conveyance }),
    documents: [box.document],
    emptyIndicator: 'LADEN',
    isoSizeType: box.isoSizeType,
    ...(SEALED_OPERATIONS.includes(operation) ? { seals: [box.seal] } : {}),
    ...extra,
  };
  feed.push(TOPICS.rawLoading, box.containerNo, message, sentMs);
}

interface InTransitReport {
  readonly status: RawInTransit['status'];
  readonly classifier: Classifier;
  readonly at: number;
  readonly location: Place;
  readonly sentMs: number;
  readonly estimatedArrival?: { readonly location: Place; readonly at: number };
}

/** One report per conveyance, or one per container on it, as the feed's sources do. */
function emitInTransit(feed: Feed, leg: Leg, boxes: readonly Box[], report: InTransitReport): void {
  const base = {
    kind: 'IN_TRANSIT' as const,
    status: report.status,
    classifier: report.classifier,
    eventTime: localIso(report.at, report.location),
    location: report.location,
    conveyance: leg.conveyance,
  };
  const estimate =
    report.estimatedArrival === undefined
      ? {}
      : {
          estimatedArrival: {
            location: report.estimatedArrival.location,
            time: localIso(report.estimatedArrival.at, report.estimatedArrival.location),
          },
        };
  if (feed.conveyanceReports) {
    const message: RawInTransit = {
      ...feed.envelope(leg.source, report.sentMs, report.location),
      ...base,
      ...estimate,
    };
    feed.push(TOPICS.rawInTransit, conveyanceKey(leg.conveyance), message, report.sentMs);
    return;
  }
  boxes.forEach((box, i) => {
    const sentMs = report.sentMs + i * 2000;
    const message: RawInTransit = {
      ...feed.envelope(leg.source, sentMs, report.location),
      ...base,
      containerNo: box.containerNo,
      ...estimate,
    };
    feed.push(TOPICS.rawInTransit, box.containerNo, message, sentMs);
  });
}

/**
 * A leg's position reports: DEPARTED (with the source's estimated arrival), one or two EST arrivals while
 * under way, PASSED at border crossings, and the actual ARRIVED.
 */
export function emitLeg(feed: Feed, leg: Leg, boxes: readonly Box[]): void {
  const { rng } = feed;
  const depart = toMinute(leg.depart);
  const arrive = leg.arrive === undefined ? undefined : toMinute(leg.arrive);
  const plan = emitSchedule(feed, leg, depart, arrive);
  /** Every estimate of the arrival sent, to name the one sent last in the ground truth. */
  const estimated: { sentMs: number; at: number }[] = [];
  /** An actual report, sent after the source's usual delay. */
  const actual = (
    status: InTransitReport['status'],
    at: number,
    location: Place,
    more: Pick<InTransitReport, 'estimatedArrival'>,
  ) => {
    const sentMs = at + feed.reportDelay();
    if (more.estimatedArrival !== undefined) {
      estimated.push({ sentMs, at: more.estimatedArrival.at });
    }
    emitInTransit(feed, leg, boxes, { status, classifier: 'ACT', at, location, sentMs, ...more });
  };
  const firstEstimate = arrive === undefined ? undefined : toMinute(arrive + rng.between(-14, 14) * HOUR);
  actual(
    'DEPARTED',
    depart,
    leg.from,
    firstEstimate === undefined ? {} : { estimatedArrival: { location: leg.to, at: firstEstimate } },
  );
  for (const pass of leg.passes ?? []) {
    actual('PASSED', toMinute(pass.at), pass.place, {});
  }
  if (arrive !== undefined) {
    const duration = arrive - depart;
    const estimates: { sentMs: number; at: number }[] = [];
    if (duration > DAY) {
      estimates.push({ sentMs: depart + duration * rng.between(0.35, 0.55), at: arrive + rng.between(-6, 6) * HOUR });
    }
    estimates.push({ sentMs: arrive - duration * rng.between(0.1, 0.25), at: arrive + rng.between(-2, 2) * HOUR });
    for (const estimate of estimates) {
      const at = toMinute(Math.max(estimate.at, estimate.sentMs + HOUR));
      estimated.push({ sentMs: estimate.sentMs, at });
      emitInTransit(feed, leg, boxes, {
        status: 'ARRIVED',
        classifier: 'EST',
        at,
        location: leg.to,
        sentMs: estimate.sentMs,
      });
    }
    actual('ARRIVED', arrive, leg.to, {});
  }
  const lastEstimate = estimated.reduce<{ sentMs: number; at: number } | undefined>(
    (last, e) => (last === undefined || e.sentMs > last.sentMs ? e : last),
    undefined,
  );
  for (const box of boxes) {
    feed.recordLeg(box.containerNo, {
      conveyanceKey: conveyanceKey(leg.conveyance),
      from: leg.from.locode,
      to: leg.to.locode,
      plannedDepartureAt: isoOf(plan.departure),
      departedAt: isoOf(depart),
      ...(plan.arrival === undefined ? {} : { plannedArrivalAt: isoOf(plan.arrival) }),
      ...(lastEstimate === undefined ? {} : { estimatedArrivalAt: isoOf(lastEstimate.at) }),
      ...(arrive === undefined ? {} : { arrivedAt: isoOf(arrive) }),
    });
  }
}

const isoOf = (ms: number) => new Date(ms).toISOString();

/**
 * The conveyance's timetable (a train) or port-call schedule (a vessel, a barge): planned departure, the border
 * crossings it passes, and planned arrival, published days ahead and, for a share of them (`scheduleChanges`),
 * revised once before it leaves. The actual times deviate from the plan: the departure by up to an hour early or
 * five hours late, the run by -5 % to +25 % of the planned run. Returns the final plan, which the ground truth
 * records.
 */
function emitSchedule(
  feed: Feed,
  leg: Leg,
  depart: number,
  arrive: number | undefined,
): { departure: number; arrival?: number } {
  const { rng } = feed;
  const departure = toMinute(depart - rng.between(-1, 5) * HOUR);
  const conveyance = leg.conveyance;
  if (arrive === undefined || conveyance.mode === 'TRUCK') {
    return { departure };
  }
  const arrival = toMinute(departure + (arrive - depart) / rng.between(0.95, 1.25));
  const publish = (sentMs: number, plannedArrival: number) => {
    const scale = (plannedArrival - departure) / (arrive - depart);
    const envelope = feed.envelope(leg.source, sentMs, leg.from);
    const message: RawSchedule = {
      ...envelope,
      kind: 'SCHEDULE',
      eventTime: envelope.sentAt,
      conveyance,
      transportCalls: [
        { location: leg.from, plannedDeparture: localIso(departure, leg.from) },
        ...(leg.passes ?? []).map((pass) => ({
          location: pass.place,
          plannedPassing: localIso(toMinute(departure + (pass.at - depart) * scale), pass.place),
        })),
        { location: leg.to, plannedArrival: localIso(plannedArrival, leg.to) },
      ],
    };
    feed.push(TOPICS.rawSchedule, conveyanceKey(conveyance), message, sentMs);
  };
  const published = departure - rng.between(3, 10) * DAY;
  if (rng.chance(feed.scheduleChanges)) {
    publish(published, toMinute(arrival - rng.between(-6, 18) * HOUR));
    publish(Math.min(depart, departure) - rng.between(2, 20) * HOUR, arrival);
  } else {
    publish(published, arrival);
  }
  return { departure, arrival };
}

export interface ManifestSpec {
  readonly source: SourceSystem;
  readonly manifestNo: string;
  readonly conveyance: Conveyance;
  readonly placeOfLoading: Place;
  readonly placeOfDischarge: Place;
  readonly carrier: Organisation;
  readonly boxes: readonly Box[];
  /** The conveyance's departure: every version is filed before it. */
  readonly depart: number;
}

/** Share of the containers that a train or barge manifest leaves out (they are loaded all the same). */
const LEFT_OFF_MANIFEST = 0.02;

/**
 * The manifest's versions: FILED, ACCEPTED, sometimes HELD, then RELEASED before departure. A train or barge
 * manifest now and then leaves out a container that is loaded all the same (recorded in the ground truth).
 */
export function emitManifest(feed: Feed, spec: ManifestSpec): void {
  const { rng } = feed;
  if ((spec.conveyance.mode === 'RAIL' || spec.conveyance.mode === 'BARGE') && spec.boxes.length > 1) {
    const leftOff = spec.boxes.filter(() => rng.chance(LEFT_OFF_MANIFEST)).slice(0, spec.boxes.length - 1);
    const key = conveyanceKey(spec.conveyance);
    leftOff.forEach((box) => feed.truth.undeclaredLoads.push({ containerNo: box.containerNo, conveyanceKey: key }));
    spec = { ...spec, boxes: spec.boxes.filter((box) => !leftOff.includes(box)) };
  }
  if (spec.boxes.length > 500) {
    throw new RangeError(`manifest ${spec.manifestNo} would list ${spec.boxes.length} containers (at most 500)`);
  }
  const released = spec.depart - rng.between(2, 8) * HOUR;
  const filed = released - rng.between(20, 44) * HOUR;
  const accepted = filed + (released - filed) * rng.between(0.15, 0.35);
  const versions: { status: RawManifest['status']; at: number }[] = [
    { status: 'FILED', at: filed },
    { status: 'ACCEPTED', at: accepted },
  ];
  if (rng.chance(0.15)) {
    versions.push({ status: 'HELD', at: accepted + (released - accepted) * rng.between(0.3, 0.6) });
  }
  versions.push({ status: 'RELEASED', at: released });
  const containers = spec.boxes.map((box) => ({
    containerNo: box.containerNo,
    documents: [box.document],
    isoSizeType: box.isoSizeType,
    emptyIndicator: 'LADEN' as const,
    seals: [box.seal],
  }));
  for (const version of versions) {
    const at = toMinute(version.at);
    const sentMs = at + rng.between(1, 15) * MINUTE;
    const message: RawManifest = {
      ...feed.envelope(spec.source, sentMs, spec.placeOfLoading),
      kind: 'MANIFEST',
      manifestNo: spec.manifestNo,
      status: version.status,
      eventTime: localIso(at, spec.placeOfLoading),
      conveyance: spec.conveyance,
      placeOfLoading: spec.placeOfLoading,
      placeOfDischarge: spec.placeOfDischarge,
      carrier: party(spec.carrier),
      containers,
    };
    feed.push(TOPICS.rawManifest, spec.manifestNo, message, sentMs);
  }
}

export interface WaybillSpec {
  readonly source: SourceSystem;
  readonly corridor: Corridor;
  readonly origin: Place;
  readonly destination: Place;
  readonly issuedAt: number;
  readonly plannedDeparture: number;
  readonly plannedArrival: number;
}

/** The document ISSUED days before departure; now and then AMENDED (a later planned arrival) before it. */
export function emitWaybill(feed: Feed, shipment: Shipment, spec: WaybillSpec): void {
  const { rng } = feed;
  const versions: { status: RawWaybill['status']; at: number; plannedArrival: number }[] = [
    { status: 'ISSUED', at: spec.issuedAt, plannedArrival: spec.plannedArrival },
  ];
  if (rng.chance(0.08)) {
    const at = spec.issuedAt + (spec.plannedDeparture - spec.issuedAt) * rng.between(0.3, 0.7);
    versions.push({ status: 'AMENDED', at, plannedArrival: spec.plannedArrival + DAY });
  }
  for (const version of versions) {
    const at = toMinute(version.at);
    const sentMs = at + rng.between(1, 30) * MINUTE;
    const message: RawWaybill = {
      ...feed.envelope(spec.source, sentMs, spec.origin),
      kind: 'WAYBILL',
      documentType: shipment.document.type,
      documentNo: shipment.document.ref,
      status: version.status,
      eventTime: localIso(at, spec.origin),
      shipper: party(shipment.shipper),
      consignee: party(shipment.consignee),
      ...(shipment.forwarder === undefined ? {} : { forwarder: party(shipment.forwarder) }),
      origin: spec.origin,
      destination: spec.destination,
      corridor: spec.corridor,
      cargoDescription: shipment.cargo,
      coldChain: shipment.coldChain,
      plannedDeparture: localIso(toMinute(spec.plannedDeparture), spec.origin),
      plannedArrival: localIso(toMinute(version.plannedArrival), spec.destination),
      containers: shipment.boxes.map((box) => ({ containerNo: box.containerNo, isoSizeType: box.isoSizeType })),
    };
    feed.push(TOPICS.rawWaybill, shipment.document.ref, message, sentMs);
  }
}

/**
 * Customs clearance of one container arriving at `start`: a broker of the port declares it (some before the
 * container arrives, as each broker tends to), then usually a plain release, now and then a selection for
 * inspection, the inspection, then the release. Returns the release time.
 */
export function emitCustoms(feed: Feed, source: SourceSystem, box: Box, place: Place, start: number): number {
  const { rng } = feed;
  const broker = rng.pick(brokersAt(place.locode));
  const declared = toMinute(start + rng.between(...broker.declaresAfterHours) * HOUR);
  emitLoading(feed, source, box, 'CUSTOMS_DECLARED', place, declared, undefined, {
    customsBroker: { orgId: broker.orgId, name: broker.name },
    declarationNo: feed.unique(() => `${place.locode.slice(2)}${rng.digits(12)}`),
  });
  let at = Math.max(start, declared);
  if (rng.chance(0.12)) {
    at += rng.between(1, 6) * HOUR;
    emitLoading(feed, source, box, 'CUSTOMS_SELECTED', place, at);
    at += rng.between(4, 20) * HOUR;
    emitLoading(feed, source, box, 'CUSTOMS_INSPECTED', place, at);
  }
  at += rng.between(1, 8) * HOUR;
  emitLoading(feed, source, box, 'CUSTOMS_RELEASED', place, at);
  return toMinute(at);
}

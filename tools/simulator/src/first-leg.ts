/** What every corridor does before its first conveyance leaves: documents, manifest, gate-in and loading. */
import type { Corridor, Place } from '@mmt/contracts';
import { emitLeg, emitLoading, emitManifest, emitWaybill, type Box, type Leg } from './emit';
import type { Feed } from './feed';
import { organisation, type OrgId } from './organisations';
import { planShipments, type ShipmentSpec } from './shipments';
import { DAY, HOUR } from './time';

export interface FirstLegSpec {
  /** The first conveyance: its source files the documents, its places are loading and discharge. */
  readonly leg: Leg;
  readonly corridor: Corridor;
  readonly shipments: ShipmentSpec;
  /** Where the documents say the containers go (beyond the first leg). */
  readonly destination: Place;
  /** The planned departure is up to this many whole hours before the actual one. */
  readonly plannedEarlyHours: number;
  readonly plannedTransitDays: number;
  readonly issuedDaysBefore: readonly [number, number];
  readonly manifestNo: () => string;
  readonly carrier: OrgId;
  readonly gateInHoursBefore: readonly [number, number];
  readonly loadHoursBefore: readonly [number, number];
}

/**
 * Books the containers (a waybill per shipment), files the first conveyance's manifest, gates each container in
 * and loads it, then runs the leg. Returns the containers. The draws keep one order: the same seed, the same feed.
 */
export function bookAndLoadFirstLeg(feed: Feed, spec: FirstLegSpec): Box[] {
  const { rng } = feed;
  const { leg } = spec;
  const shipments = planShipments(feed, spec.shipments);
  const plannedDeparture = leg.depart - rng.int(0, spec.plannedEarlyHours) * HOUR;
  for (const shipment of shipments) {
    emitWaybill(feed, shipment, {
      source: leg.source,
      corridor: spec.corridor,
      origin: leg.from,
      destination: spec.destination,
      issuedAt: leg.depart - rng.between(...spec.issuedDaysBefore) * DAY,
      plannedDeparture,
      plannedArrival: plannedDeparture + spec.plannedTransitDays * DAY,
    });
  }
  const boxes: Box[] = shipments.flatMap((s) => s.boxes);
  for (const box of boxes) {
    feed.recordTrip({
      containerNo: box.containerNo,
      corridor: spec.corridor,
      origin: leg.from.locode,
      destination: spec.destination.locode,
      legs: [],
    });
  }
  emitManifest(feed, {
    source: leg.source,
    manifestNo: feed.unique(spec.manifestNo),
    conveyance: leg.conveyance,
    placeOfLoading: leg.from,
    placeOfDischarge: leg.to,
    carrier: organisation(spec.carrier),
    boxes,
    depart: leg.depart,
  });
  for (const box of boxes) {
    emitLoading(feed, leg.source, box, 'GATE_IN', leg.from, leg.depart - rng.between(...spec.gateInHoursBefore) * HOUR);
    emitLoading(
      feed,
      leg.source,
      box,
      'LOAD',
      leg.from,
      leg.depart - rng.between(...spec.loadHoursBefore) * HOUR,
      leg.conveyance,
    );
  }
  emitLeg(feed, leg, boxes);
  return boxes;
}

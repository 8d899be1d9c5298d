/** The last leg of the sea corridors: an ocean vessel to the bill of lading's destination. */
import type { Place } from '@mmt/contracts';
import { emitLeg, emitLoading, type Box, type Leg } from './emit';
import type { Feed } from './feed';
import { HOUR } from './time';

export const PASIR_PANJANG: Place = { locode: 'SGSIN', facility: 'PPT' };

/** A vessel's voyage with these containers: its reports, then discharge and gate-out where it arrives. */
export function sailOn(feed: Feed, leg: Leg, boxes: readonly Box[]): void {
  if (boxes.length === 0) {
    return;
  }
  emitLeg(feed, leg, boxes);
  for (const box of boxes) {
    const discharged = leg.arrive! + feed.rng.between(2, 12) * HOUR;
    emitLoading(feed, leg.source, box, 'DISCHARGE', leg.to, discharged, leg.conveyance);
    emitLoading(feed, leg.source, box, 'GATE_OUT', leg.to, discharged + feed.rng.between(6, 72) * HOUR);
  }
}

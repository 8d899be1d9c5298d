import type { Milestone } from '@mmt/contracts';
import type { MilestoneSlot } from './milestones';
import { compareText, compareTimes } from './time';

/** Where two milestones share an instant, the order they happen in at a terminal. */
const SAME_INSTANT_ORDER: readonly string[] = [
  'STUF',
  'GTIN',
  'ARRI',
  'DISC',
  'CUSS',
  'INSP',
  'CUSI',
  'CUSR',
  'TRANSFER',
  'LOAD',
  'DEPA',
  'CROS',
  'STRP',
  'GTOT',
];

/** By the winning version's eventDateTime, then the natural order at a terminal, then eventId. */
export function compareSlotsInTime(a: MilestoneSlot, b: MilestoneSlot): number {
  return compareMoments(a.best.eventDateTime, a.code, a.best.eventId, b.best.eventDateTime, b.code, b.best.eventId);
}

/** Milestones in the same order as their slots (compareSlotsInTime): a milestone is its slot's winning version. */
export function compareMilestonesInTime(a: Milestone, b: Milestone): number {
  return compareMoments(a.at, a.code, a.eventId, b.at, b.code, b.eventId);
}

function compareMoments(atA: string, codeA: string, idA: string, atB: string, codeB: string, idB: string): number {
  return (
    compareTimes(atA, atB) ||
    SAME_INSTANT_ORDER.indexOf(codeA) - SAME_INSTANT_ORDER.indexOf(codeB) ||
    compareText(idA, idB)
  );
}

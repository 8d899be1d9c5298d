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
  return (
    compareTimes(a.best.eventDateTime, b.best.eventDateTime) ||
    SAME_INSTANT_ORDER.indexOf(a.code) - SAME_INSTANT_ORDER.indexOf(b.code) ||
    compareText(a.best.eventId, b.best.eventId)
  );
}

import type { CustomsState } from '@mmt/contracts';
import { compareSlotsInTime } from './hub-order';
import { isActual, type MilestoneSlot } from './milestones';
import { maxBy } from './time';

const CUSTOMS_STATE_BY_CODE: Readonly<Record<string, CustomsState>> = {
  CUSS: 'SELECTED',
  CUSI: 'INSPECTED',
  CUSR: 'RELEASED',
};

/** RELEASED once any actual release is known (final); else the latest actual selection or inspection; else NONE. */
export function customsState(slots: readonly MilestoneSlot[]): CustomsState {
  const customs = slots.filter((slot) => isActual(slot) && CUSTOMS_STATE_BY_CODE[slot.code] !== undefined);
  if (customs.some((slot) => slot.code === 'CUSR')) {
    return 'RELEASED';
  }
  const latest = maxBy(customs, compareSlotsInTime);
  return latest === undefined ? 'NONE' : CUSTOMS_STATE_BY_CODE[latest.code];
}

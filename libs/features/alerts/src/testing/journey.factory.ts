/** Journeys and milestones for the specs. Not exported from the library. */
import type { Journey, Milestone, TimeLimitTable } from '@mmt/contracts';
import { DEFAULT_TIME_LIMITS } from '../time-limits';

export const QZE = { locode: 'CNQZH', facility: 'QZE' };
export const QCT = { locode: 'CNQZH', facility: 'QCT' };
export const TRAIN = { mode: 'RAIL', trainNo: '85001', departureDate: '2026-03-02' } as const;
export const PLANNED = { mode: 'VESSEL', imo: '9811000', voyage: 'S012' } as const;
export const NEXT = { mode: 'VESSEL', imo: '9417350', voyage: 'S013' } as const;
export const TABLE: TimeLimitTable = {
  version: 1,
  publishedAt: '',
  publishedBy: 'platform',
  limits: DEFAULT_TIME_LIMITS,
};

export function milestone(code: string, at: string, extra: Partial<Milestone> = {}): Milestone {
  return { code, classifier: 'ACT', at, place: QCT, eventId: `${code}-${at}`, sourceSystem: 'COASTAL_PORT', ...extra };
}

export function journey(milestones: Milestone[], overrides: Partial<Journey> = {}): Journey {
  return {
    journeyId: 'CSNU1234560/BILL_OF_LADING:WSCL1',
    containerNo: 'CSNU1234560',
    corridor: 'LAND_SEA_CORRIDOR',
    origin: { locode: 'CNCQI', facility: 'GYP' },
    destination: { locode: 'SGSIN', facility: 'PPT' },
    documents: [],
    documentStatuses: [],
    parties: [],
    orgIds: ['org-sg-straits-fresh'],
    status: 'IN_TRANSIT',
    legs: [],
    milestones,
    dwell: [],
    customs: 'RELEASED',
    holds: [],
    coldChain: false,
    eventIds: [],
    version: 'v',
    ...overrides,
  };
}

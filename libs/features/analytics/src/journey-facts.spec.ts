import type { Journey, Milestone } from '@mmt/contracts';
import { directionOf, journeyFacts, teuOf } from './journey-facts';

const QZE = { locode: 'CNQZH', facility: 'QZE' };
const QCT = { locode: 'CNQZH', facility: 'QCT' };
const ORIGIN = { locode: 'CNCQI', facility: 'GYP' };
const SINGAPORE = { locode: 'SGSIN', facility: 'PPT' };
const TRAIN = { mode: 'RAIL', trainNo: '85001', departureDate: '2026-03-02' } as const;
const VESSEL = { mode: 'VESSEL', imo: '9811000', voyage: 'S012' } as const;

function milestone(code: string, at: string, place = QCT, classifier: Milestone['classifier'] = 'ACT'): Milestone {
  return { code, classifier, at, place, eventId: `${code}-${at}`, sourceSystem: 'COASTAL_PORT' };
}

/** A Land-Sea Corridor export: rail to Qinzhou, inspected and released there, then the vessel to Singapore. */
function landSeaJourney(overrides: Partial<Journey> = {}): Journey {
  return {
    journeyId: 'CSNU1234565/BILL_OF_LADING:WSCL1',
    containerNo: 'CSNU1234565',
    corridor: 'LAND_SEA_CORRIDOR',
    origin: ORIGIN,
    destination: SINGAPORE,
    documents: [],
    documentStatuses: [],
    parties: [],
    orgIds: [],
    status: 'ARRIVED',
    arrivedAt: '2026-03-13T18:00:00+08:00',
    isoSizeType: '45R1',
    legs: [
      {
        mode: 'RAIL',
        conveyance: TRAIN,
        from: ORIGIN,
        to: QZE,
        actualDeparture: '2026-03-02T10:00:00+08:00',
        actualArrival: '2026-03-04T10:00:00+08:00',
      },
      {
        mode: 'VESSEL',
        conveyance: VESSEL,
        from: QCT,
        to: SINGAPORE,
        actualDeparture: '2026-03-08T06:00:00+08:00',
        actualArrival: '2026-03-13T18:00:00+08:00',
      },
    ],
    milestones: [
      milestone('ARRI', '2026-03-04T10:00:00+08:00', QZE),
      milestone('DISC', '2026-03-04T12:00:00+08:00', QZE),
      milestone('GTIN', '2026-03-04T16:00:00+08:00'),
      milestone('CUSS', '2026-03-04T18:00:00+08:00'),
      milestone('CUSI', '2026-03-05T08:00:00+08:00'),
      milestone('CUSR', '2026-03-05T12:30:00+08:00'),
      milestone('CUSR', '2026-03-06T12:30:00+08:00', QCT, 'PLN'),
    ],
    dwell: [
      { place: QZE, arrivedAt: '2026-03-04T12:00:00+08:00', departedAt: '2026-03-08T06:00:00+08:00', minutes: 5400 },
    ],
    customs: 'RELEASED',
    holds: [],
    coldChain: true,
    eventIds: [],
    version: 'v1',
    ...overrides,
  };
}

describe(journeyFacts.name, () => {
  it('gives the corridor, hub and clearance facts of a journey, each once', () => {
    const facts = journeyFacts(landSeaJourney()).map(({ metric, locode, at, minutes }) => ({
      metric,
      locode,
      at,
      minutes,
    }));
    expect(facts).toEqual([
      { metric: 'started', locode: 'CNCQI', at: '2026-03-02T10:00:00+08:00', minutes: undefined },
      { metric: 'delivered', locode: 'SGSIN', at: '2026-03-13T18:00:00+08:00', minutes: undefined },
      { metric: 'transit', locode: 'SGSIN', at: '2026-03-13T18:00:00+08:00', minutes: 11 * 24 * 60 + 8 * 60 },
      { metric: 'departed', locode: 'CNCQI', at: '2026-03-02T10:00:00+08:00', minutes: undefined },
      { metric: 'arrived', locode: 'CNQZH', at: '2026-03-04T10:00:00+08:00', minutes: undefined },
      { metric: 'legTransit', locode: 'CNQZH', at: '2026-03-04T10:00:00+08:00', minutes: 48 * 60 },
      { metric: 'departed', locode: 'CNQZH', at: '2026-03-08T06:00:00+08:00', minutes: undefined },
      { metric: 'arrived', locode: 'SGSIN', at: '2026-03-13T18:00:00+08:00', minutes: undefined },
      { metric: 'legTransit', locode: 'SGSIN', at: '2026-03-13T18:00:00+08:00', minutes: 5 * 24 * 60 + 12 * 60 },
      { metric: 'dwell', locode: 'CNQZH', at: '2026-03-08T06:00:00+08:00', minutes: 5400 },
      { metric: 'cleared', locode: 'CNQZH', at: '2026-03-05T12:30:00+08:00', minutes: undefined },
      { metric: 'inspected', locode: 'CNQZH', at: '2026-03-05T12:30:00+08:00', minutes: undefined },
      // From the train's arrival at the port (not the gate-in) to the actual release; the planned one is ignored.
      { metric: 'clearance', locode: 'CNQZH', at: '2026-03-05T12:30:00+08:00', minutes: 26 * 60 + 30 },
    ]);
    expect(new Set(journeyFacts(landSeaJourney()).map((f) => `${f.corridor} ${f.direction} ${f.teu}`))).toEqual(
      new Set(['LAND_SEA_CORRIDOR EXPORT 2']),
    );
  });

  it('counts no delivery before the arrival at the destination, and no inspection for a plain release', () => {
    const journey = landSeaJourney();
    const facts = journeyFacts({
      ...journey,
      status: 'IN_TRANSIT',
      arrivedAt: undefined,
      legs: [journey.legs[0], { ...journey.legs[1], actualArrival: undefined }],
      milestones: journey.milestones.filter((m) => m.code !== 'CUSS' && m.code !== 'CUSI'),
    });
    const metrics = facts.map((f) => f.metric);
    expect(metrics).not.toContain('delivered');
    expect(metrics).not.toContain('transit');
    expect(metrics).not.toContain('inspected');
    expect(metrics.filter((m) => m === 'cleared')).toHaveLength(1);
  });

  it('splits the clearance time at the declaration and counts the declaration for its broker', () => {
    const journey = landSeaJourney();
    const broker = { orgId: 'org-brk-beibu', name: 'Beibu Brokerage' };
    const declared = { ...milestone('CUSD', '2026-03-04T14:00:00+08:00'), customsBroker: broker };
    const facts = journeyFacts({ ...journey, milestones: [...journey.milestones, declared] });
    const at = (metric: string) => facts.filter((f) => f.metric === metric);
    // arrival (ARRI 10:00 at CNQZH) to declaration 14:00: 240 min; declaration to release 12:30 next day: 1,350 min.
    expect(at('awaitingDeclaration')).toEqual([expect.objectContaining({ locode: 'CNQZH', minutes: 240 })]);
    expect(at('declarationToRelease')).toEqual([expect.objectContaining({ locode: 'CNQZH', minutes: 1350 })]);
    expect(at('declared')).toEqual([
      expect.objectContaining({ minutes: 240, broker: broker.orgId, brokerName: broker.name, at: declared.at }),
    ]);
    expect(at('declaredBeforeArrival')).toEqual([]);
    expect(at('clearance')[0].minutes).toBe(240 + 1350);
  });

  it('counts a declaration lodged before arrival as 0 minutes late, and as early', () => {
    const journey = landSeaJourney();
    const broker = { orgId: 'org-brk-early', name: 'Early Brokerage' };
    const declared = { ...milestone('CUSD', '2026-03-03T09:00:00+08:00'), customsBroker: broker };
    const facts = journeyFacts({ ...journey, milestones: [...journey.milestones, declared] });
    expect(facts.filter((f) => f.metric === 'declared').map((f) => f.minutes)).toEqual([0]);
    expect(facts.filter((f) => f.metric === 'declaredBeforeArrival')).toHaveLength(1);
    expect(facts.find((f) => f.metric === 'awaitingDeclaration')?.minutes).toBe(0);
  });

  it('gives nothing for a journey that has only been booked', () => {
    expect(
      journeyFacts(landSeaJourney({ status: 'PLANNED', arrivedAt: undefined, legs: [], milestones: [], dwell: [] })),
    ).toEqual([]);
  });
});

describe(directionOf.name, () => {
  it('is export out of China, import into it, transit otherwise', () => {
    expect(directionOf({ origin: ORIGIN, destination: SINGAPORE })).toBe('EXPORT');
    expect(directionOf({ origin: SINGAPORE, destination: QZE })).toBe('IMPORT');
    expect(directionOf({ origin: ORIGIN, destination: { locode: 'CNSGH' } })).toBe('TRANSIT');
    expect(directionOf({})).toBe('TRANSIT');
  });
});

describe(teuOf.name, () => {
  it('reads the length from the ISO 6346 size-type', () => {
    expect([teuOf('22G1'), teuOf('45G1'), teuOf('L5G1'), teuOf(undefined), teuOf('9XXX')]).toEqual([1, 2, 2.25, 0, 0]);
  });
});

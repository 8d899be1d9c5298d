import type { Milestone } from '@mmt/contracts';
import { coldChainWaits, dueAt } from './cold-chain-waits';
import { journey, milestone, PLANNED, QZE, TABLE, TRAIN } from './testing/journey.factory';

const SGSIN = { locode: 'SGSIN', facility: 'PPT' };
const discharged = milestone('DISC', '2026-03-04T12:00:00+08:00', { place: QZE, conveyance: TRAIN });

describe(coldChainWaits.name, () => {
  it('names each operation a cold container still waits on, with its cold-chain deadline', () => {
    // Discharged from the train at Qinzhou on 04 12:00 +08:00: waiting to reach the yard (6 h) and the vessel (72 h).
    const waits = coldChainWaits(journey([discharged], { coldChain: true }), TABLE);
    expect(waits.map((w) => [w.condition.operation, w.deadline])).toEqual([
      ['IN_YARD_TRANSFER', '2026-03-04T10:00:00.000Z'],
      ['RAIL_TO_VESSEL', '2026-03-07T04:00:00.000Z'],
    ]);
    expect(waits[1]._id).toBe('COLD_CHAIN_WAITING|CSNU1234560/BILL_OF_LADING:WSCL1|RAIL_TO_VESSEL|CNQZH');
    expect(waits[1].condition).toEqual(
      expect.objectContaining({
        alertId: waits[1]._id,
        kind: 'COLD_CHAIN_WAITING',
        limitMinutes: 72 * 60,
        at: '2026-03-07T04:00:00.000Z',
        coldChain: true,
      }),
    );
  });

  it('has nothing for cargo that is not cold, nor once the operation has ended', () => {
    expect(coldChainWaits(journey([discharged]), TABLE)).toEqual([]);
    const gateIn = milestone('GTIN', '2026-03-04T14:00:00+08:00');
    const stillWaiting = coldChainWaits(journey([discharged, gateIn], { coldChain: true }), TABLE);
    expect(stillWaiting.map((w) => w.condition.operation)).toEqual(['RAIL_TO_VESSEL']);
    const loaded = milestone('LOAD', '2026-03-05T06:00:00+08:00', { conveyance: PLANNED });
    expect(coldChainWaits(journey([discharged, gateIn, loaded], { coldChain: true }), TABLE)).toEqual([]);
  });

  it('stops waiting once the container has moved on without the operation', () => {
    const gateIn = milestone('GTIN', '2026-03-05T06:00:00+08:00');
    const departed = milestone('DEPA', '2026-03-05T09:00:00+08:00', { conveyance: PLANNED });
    const cold = { coldChain: true, destination: { locode: 'CNQZH', facility: 'QCT' } };
    // At its destination, a gated-in box waits to be stripped; one that is loaded and sails does not.
    expect(coldChainWaits(journey([gateIn], cold), TABLE).map((w) => w.condition.operation)).toEqual(['DEVANNING']);
    expect(coldChainWaits(journey([gateIn, departed], cold), TABLE)).toEqual([]);
  });

  it('waits at the destination for stripping instead of pick-up once the box is gated in, and not once stripped', () => {
    const cold = { coldChain: true, destination: SGSIN };
    const atPort = { place: SGSIN };
    const unloaded = milestone('DISC', '2026-03-05T06:00:00+08:00', { ...atPort, conveyance: PLANNED });
    const gateIn = milestone('GTIN', '2026-03-05T09:00:00+08:00', atPort);
    const stripped = milestone('STRP', '2026-03-06T09:00:00+08:00', atPort);
    const waitsFor = (milestones: Milestone[]) =>
      coldChainWaits(journey(milestones, cold), TABLE).map((w) => w.condition.operation);
    expect(waitsFor([unloaded])).toEqual(['IN_YARD_TRANSFER', 'CONSIGNEE_PICKUP']);
    expect(waitsFor([unloaded, gateIn])).toEqual(['DEVANNING']);
    expect(waitsFor([unloaded, gateIn, stripped])).toEqual([]);
  });

  it('waits for stripping and pick-up only where the journey ends', () => {
    const gateIn = milestone('GTIN', '2026-03-05T06:00:00+08:00');
    expect(coldChainWaits(journey([gateIn], { coldChain: true }), TABLE)).toEqual([]);
    const atDestination = milestone('GTIN', '2026-03-05T06:00:00+08:00', { place: SGSIN });
    expect(coldChainWaits(journey([atDestination], { coldChain: true }), TABLE)).toHaveLength(1);
  });
});

describe(dueAt.name, () => {
  const [, wait] = coldChainWaits(journey([discharged], { coldChain: true }), TABLE);

  it('is the deadline while that is still ahead', () => {
    expect(dueAt(wait, new Date('2026-03-06T00:00:00Z'), 60_000).toISOString()).toBe(wait.deadline);
  });

  it('is a grace after now when the deadline had passed before the wait was learned', () => {
    expect(dueAt(wait, new Date('2026-03-09T00:00:00Z'), 60_000).toISOString()).toBe('2026-03-09T00:01:00.000Z');
  });
});

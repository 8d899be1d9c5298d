import type { Principal } from '@mmt/access';
import type { Journey, JourneyUpdate, TrackingEvent } from '@mmt/contracts';
import { visibleCauses } from './journey-updates.resolver';

const principal = (role: Principal['role']): Principal => ({ keyId: '0a1b2c3d', role, orgId: 'org-x', name: 'x' });
const journey = { journeyId: 'CSQU3054383/WAYBILL:W1', eventIds: ['a1', 'a2'] } as unknown as Journey;
const added = { eventId: 'a3' } as TrackingEvent;

describe(visibleCauses.name, () => {
  // The projector names every event of the container's batch, also those of its other journeys (b1, r-b).
  const causedBy = ['a1', 'b1', 'a3', 'r-b', 'r-a'];

  it('gives the port office every cause', () => {
    const update: JourneyUpdate = { journey, causedBy, events: [added], publishedAt: '' };
    expect(visibleCauses(principal('PORT_OFFICE'), update)).toEqual(causedBy);
  });

  it.each(['SHIPPER', 'PARTNER'] as const)('gives a %s only the events of this journey and of this update', (role) => {
    expect(visibleCauses(principal(role), { journey, causedBy, events: [added], publishedAt: '' })).toEqual([
      'a1',
      'a3',
    ]);
    expect(visibleCauses(principal(role), { journey, causedBy, omittedEventIds: ['r-a'], publishedAt: '' })).toEqual([
      'a1',
      'r-a',
    ]);
  });
});

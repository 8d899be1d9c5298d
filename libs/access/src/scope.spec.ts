import type { Principal } from './principal';
import { canSee, journeyScopeFilter } from './scope';

const principal = (role: Principal['role'], orgId = 'org-cq-electronics'): Principal => ({
  keyId: '0a1b2c3d',
  role,
  orgId,
  name: 'test',
});
const ours = { orgIds: ['org-cq-electronics', 'org-de-rheinruhr'] };
const theirs = { orgIds: ['org-cq-autoparts'] };
const nobodys = { orgIds: [] };

describe(canSee.name, () => {
  it('lets the port office see every journey, also one without parties', () => {
    for (const journey of [ours, theirs, nobodys]) {
      expect(canSee(principal('PORT_OFFICE'), journey)).toBe(true);
    }
  });

  it.each(['SHIPPER', 'PARTNER'] as const)('lets a %s see only journeys its organisation is party to', (role) => {
    expect(canSee(principal(role), ours)).toBe(true);
    expect(canSee(principal(role), theirs)).toBe(false);
    expect(canSee(principal(role), nobodys)).toBe(false);
  });

  it('matches orgIds exactly: no prefixes, no case folding', () => {
    expect(canSee(principal('SHIPPER', 'org-cq'), ours)).toBe(false);
    expect(canSee(principal('SHIPPER', 'ORG-CQ-ELECTRONICS'), ours)).toBe(false);
  });
});

describe(journeyScopeFilter.name, () => {
  it('does not restrict the port office', () => {
    expect(journeyScopeFilter(principal('PORT_OFFICE'))).toEqual({});
  });

  it.each(['SHIPPER', 'PARTNER'] as const)('restricts a %s to journeys whose orgIds contain its orgId', (role) => {
    expect(journeyScopeFilter(principal(role, 'org-pl-vistula'))).toEqual({ orgIds: 'org-pl-vistula' });
  });
});

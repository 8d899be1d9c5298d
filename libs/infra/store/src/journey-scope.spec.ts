import { listKey, orgKey } from './journey-document';
import { inScope } from './journey-scope';

describe(inScope.name, () => {
  const journey = { orgIds: ['org-cq-electronics', 'ORG-DE-RHEINRUHR'] };

  it('holds every journey in the scope of every journey, also one without parties', () => {
    expect(inScope({ every: true }, journey)).toBe(true);
    expect(inScope({ every: true }, { orgIds: [] })).toBe(true);
  });

  it("holds a party's journeys in its scope, its organisation compared as orgKey spells it", () => {
    expect(inScope({ partyOrgId: 'ORG-CQ-ELECTRONICS' }, journey)).toBe(true);
    expect(inScope({ partyOrgId: 'org-de-rheinruhr' }, journey)).toBe(true);
    expect(inScope({ partyOrgId: 'org-cq' }, journey)).toBe(false);
    expect(inScope({ partyOrgId: 'org-cq-electronics' }, { orgIds: [] })).toBe(false);
  });

  it('lists a party under the same key however it spells its organisation', () => {
    for (const orgId of ['org-cq-electronics', 'ORG-SHIPPER-01', 'Org-De-RheinRuhr', 'straße']) {
      expect(listKey.org(orgId)).toBe(`org:${orgKey(orgId)}`);
    }
  });
});

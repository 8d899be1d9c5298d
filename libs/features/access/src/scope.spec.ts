import type { DocumentRef, TrackingEvent } from '@mmt/contracts';
import type { Principal } from './principal';
import { canSee, eventsOnVisibleJourneys, journeyScope, orgKey, sameOrg } from './scope';

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

  it('matches whole orgIds, whatever the ASCII case on either side, and nothing else', () => {
    expect(canSee(principal('SHIPPER', 'org-cq'), ours)).toBe(false);
    expect(canSee(principal('SHIPPER', 'ORG-CQ-ELECTRONICS'), ours)).toBe(true);
    expect(canSee(principal('PARTNER', 'Org-De-RheinRuhr'), ours)).toBe(true);
    expect(canSee(principal('SHIPPER', 'org-cq-electronics'), { orgIds: ['ORG-CQ-ELECTRONICS'] })).toBe(true);
    expect(canSee(principal('SHIPPER', 'org-cq-electronics'), { orgIds: ['org_cq_electronics'] })).toBe(false);
    // Only ASCII folds: 'ß' does not become 'SS', the dotless 'ı' does not become 'I'.
    expect(canSee(principal('SHIPPER', 'STRASSE'), { orgIds: ['straße'] })).toBe(false);
    expect(canSee(principal('SHIPPER', 'ORG-IZMIR'), { orgIds: ['org-ızmir'] })).toBe(false);
  });
});

describe(orgKey.name, () => {
  it('upper-cases ASCII letters only', () => {
    expect(orgKey('org-cq-electronics')).toBe('ORG-CQ-ELECTRONICS');
    expect(orgKey('Org_1-x')).toBe('ORG_1-X');
    expect(orgKey('straße')).toBe('STRAßE');
    expect(sameOrg('org-pl-vistula', 'ORG-PL-VISTULA')).toBe(true);
    expect(sameOrg('org-pl-vistula', 'org-pl-vistul')).toBe(false);
  });
});

describe(journeyScope.name, () => {
  it('gives the port office every journey', () => {
    expect(journeyScope(principal('PORT_OFFICE'))).toEqual({ every: true });
  });

  it.each(['SHIPPER', 'PARTNER'] as const)('gives a %s the journeys its organisation is party to', (role) => {
    expect(journeyScope(principal(role, 'org-pl-vistula'))).toEqual({ partyOrgId: 'org-pl-vistula' });
  });
});

describe(eventsOnVisibleJourneys.name, () => {
  const WB_OURS: DocumentRef = { type: 'WAYBILL', ref: 'WB-OURS' };
  const WB_THEIRS: DocumentRef = { type: 'WAYBILL', ref: 'WB-THEIRS' };
  const MANIFEST: DocumentRef = { type: 'MANIFEST', ref: 'MF-1' };
  const event = (eventId: string, documents: DocumentRef[]): TrackingEvent => ({
    eventId,
    eventType: 'EQUIPMENT',
    equipmentEventTypeCode: 'LOAD',
    location: { locode: 'CNCQI' },
    classifier: 'ACT',
    eventDateTime: '2026-03-01T08:00:00+08:00',
    eventCreatedDateTime: '2026-03-01T08:00:00+08:00',
    receivedAt: '2026-03-01T00:00:00.000Z',
    source: { system: 'CHINA_EUROPE_RAIL', rawKind: 'IN_TRANSIT', rawRef: `raw/${eventId}` },
    containerNo: 'CSQU3054383',
    documents,
  });
  const retraction = (eventId: string, target: string, documents: DocumentRef[]): TrackingEvent => ({
    ...event(eventId, documents),
    eventType: 'RETRACTION',
    retractsEventId: target,
  });
  const journeyA = { orgIds: ['org-cq-electronics'], documents: [WB_OURS, MANIFEST], eventIds: ['a1', 'a2'] };
  const journeyB = { orgIds: ['org-cq-autoparts'], documents: [WB_THEIRS], eventIds: ['b1'] };
  const log = [
    event('a1', [WB_OURS]),
    event('a2', [WB_OURS, MANIFEST]),
    // A correction of a1: a later version of the same event.
    { ...event('a1', [WB_OURS]), eventCreatedDateTime: '2026-03-01T09:00:00+08:00' },
    event('a3-withdrawn', [WB_OURS]),
    retraction('r-a3', 'a3-withdrawn', [WB_OURS]),
    event('b1', [WB_THEIRS]),
    event('b2-withdrawn', [WB_THEIRS]),
    retraction('r-b2', 'b2-withdrawn', [WB_THEIRS]),
    retraction('r-b2-unnamed', 'b2-withdrawn', []),
    retraction('r-never-produced-theirs', 'nothing', [WB_THEIRS]),
    retraction('r-never-produced-ours', 'nothing', [WB_OURS]),
    retraction('r-of-live-a1', 'a1', [WB_OURS]),
    retraction('r-of-live-b1', 'b1', [WB_THEIRS]),
    retraction('r-naming-theirs-of-a1', 'a1', [WB_THEIRS]),
    event('u-withdrawn', []),
    retraction('r-u', 'u-withdrawn', []),
    // A manifest line that named our waybill, withdrawn: its manifest is now on no journey.
    event('m-withdrawn', [WB_OURS, { type: 'MANIFEST', ref: 'MF-GONE' }]),
    retraction('r-m', 'm-withdrawn', [{ type: 'MANIFEST', ref: 'MF-GONE' }]),
    // A waybill all of whose events were withdrawn: its journey is gone, and nobody but the port office sees it.
    event('g-withdrawn', [{ type: 'WAYBILL', ref: 'WB-GONE' }]),
    retraction('r-g', 'g-withdrawn', [{ type: 'WAYBILL', ref: 'WB-GONE' }]),
  ];
  const ids = (events: readonly TrackingEvent[]) => events.map((e) => e.eventId);

  it('gives the port office every event', () => {
    expect(ids(eventsOnVisibleJourneys(principal('PORT_OFFICE'), [journeyA, journeyB], log))).toEqual(ids(log));
  });

  it.each(['SHIPPER', 'PARTNER'] as const)(
    'gives a %s the events of its journeys (every version), the retractions that belong to them and what those withdrew, nothing of the other journey',
    (role) => {
      expect(ids(eventsOnVisibleJourneys(principal(role, 'ORG-CQ-ELECTRONICS'), [journeyA, journeyB], log))).toEqual([
        'a1',
        'a2',
        'a1',
        'a3-withdrawn',
        'r-a3',
        'r-never-produced-ours',
        'r-of-live-a1',
        'm-withdrawn',
        'r-m',
      ]);
      expect(ids(eventsOnVisibleJourneys(principal(role, 'org-cq-autoparts'), [journeyA, journeyB], log))).toEqual([
        'b1',
        'b2-withdrawn',
        'r-b2',
        'r-b2-unnamed',
        'r-never-produced-theirs',
        'r-of-live-b1',
      ]);
      expect(eventsOnVisibleJourneys(principal(role, 'org-pl-vistula'), [journeyA, journeyB], log)).toEqual([]);
    },
  );

  it('places a retraction that names no document only for a caller who sees every journey of the container', () => {
    const onlyA = log.filter((e) => !['b1', 'b2-withdrawn', 'r-b2', 'r-of-live-b1'].includes(e.eventId));
    expect(ids(eventsOnVisibleJourneys(principal('PARTNER'), [journeyA], onlyA))).toContain('r-u');
    expect(ids(eventsOnVisibleJourneys(principal('PARTNER'), [journeyA, journeyB], log))).not.toContain('r-u');
  });
});

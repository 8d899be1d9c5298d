import type { Alert, AlertChange, Notice } from '@mmt/contracts';
import { alertDocument, noticeDocument, type AlertDocument, type NoticeDocument } from './alert-documents';
import { noticeChanges, type NoticeDraft } from './journey-notices';
import { alertsAfter, sendPending } from './pending-sends';

const DRAFT: NoticeDraft = {
  noticeId: 'ev-cuss-1',
  kind: 'SELECTED_FOR_INSPECTION',
  journeyId: 'CSNU1234560/BILL_OF_LADING:WB1',
  containerNo: 'CSNU1234560',
  coldChain: false,
  orgIds: ['org-a'],
  place: { locode: 'CNQZH' },
  at: '2026-03-06T09:00:00.000Z',
  eventId: 'ev-cuss-1',
  message: 'CSNU1234560 was selected for customs inspection at CNQZH',
};
const T1 = '2026-03-06T10:00:00.000Z';
const T2 = '2026-03-06T10:00:01.000Z';

describe('noticeChanges with sends a failed batch left owed', () => {
  it('owes the first issue of a new notice', () => {
    expect(noticeChanges([DRAFT], new Map(), T1).issued).toEqual([
      { ...DRAFT, issuedAt: T1, pending: [{ since: T1 }] },
    ]);
  });

  it('adds no send again while the first issue, which reaches every party, is still owed', () => {
    const owed = { ...DRAFT, issuedAt: T1, pending: [{ since: T1 }] };
    const changes = noticeChanges([{ ...DRAFT, orgIds: ['org-a', 'org-b'] }], new Map([[DRAFT.noticeId, owed]]), T2);
    expect(changes.changed).toEqual([{ ...DRAFT, orgIds: ['org-a', 'org-b'], issuedAt: T1, pending: [{ since: T1 }] }]);
    expect(changes.resent).toBe(0);
  });

  it('keeps an owed send again as it was and adds one for the parties added since', () => {
    const owed = {
      ...DRAFT,
      orgIds: ['org-a', 'org-b'],
      issuedAt: T1,
      pending: [{ since: T1, addedOrgIds: ['org-b'] }],
    };
    const changes = noticeChanges(
      [{ ...DRAFT, orgIds: ['org-a', 'org-b', 'org-c'] }],
      new Map([[DRAFT.noticeId, owed]]),
      T2,
    );
    expect(changes.changed[0].pending).toEqual([
      { since: T1, addedOrgIds: ['org-b'] },
      { since: T2, addedOrgIds: ['org-c'] },
    ]);
  });

  it('writes nothing for a notice that owes a send and has not changed: the send stays owed', () => {
    const owed = { ...DRAFT, issuedAt: T1, pending: [{ since: T1 }] };
    expect(noticeChanges([DRAFT], new Map([[DRAFT.noticeId, owed]]), T2)).toEqual({
      issued: [],
      changed: [],
      resent: 0,
    });
  });
});

describe('sendPending', () => {
  it('sends what each document owes, built from the document, then has the store forget it', async () => {
    const published: { changes: AlertChange[]; notices: Notice[] }[] = [];
    const marked: { alerts: AlertDocument[]; notices: NoticeDocument[] } = { alerts: [], notices: [] };
    const stores = {
      alerts: { markAlertsSent: (sent: readonly AlertDocument[]) => Promise.resolve(void marked.alerts.push(...sent)) },
      notices: {
        markNoticesSent: (sent: readonly NoticeDocument[]) => Promise.resolve(void marked.notices.push(...sent)),
      },
    } as unknown as Parameters<typeof sendPending>[0]['stores'];
    const publish = (changes: readonly AlertChange[], notices: readonly Notice[]) =>
      Promise.resolve(void published.push({ changes: [...changes], notices: [...notices] }));
    const alert: Alert = {
      alertId: 'TIME_LIMIT_BREACH|CSNU1234560/BILL_OF_LADING:WB1|IN_YARD_TRANSFER|CNQZH',
      kind: 'TIME_LIMIT_BREACH',
      state: 'OPEN',
      journeyId: DRAFT.journeyId,
      containerNo: DRAFT.containerNo,
      coldChain: false,
      orgIds: ['org-a'],
      at: DRAFT.at,
      message: 'over the limit',
      raisedAt: T1,
    };
    const owing = alertDocument(alert, { change: 'RAISED', changedAt: T1 });
    const settled = alertDocument({ ...alert, alertId: 'other' });
    const notice = noticeDocument({
      ...DRAFT,
      issuedAt: T1,
      pending: [{ since: T1 }, { since: T2, addedOrgIds: ['org-b'] }],
    });

    await sendPending({ stores, publish }, [owing, settled], [notice]);

    expect(published).toEqual([
      { changes: [{ change: 'RAISED', alert, changedAt: T1 }], notices: [] },
      {
        changes: [],
        notices: [
          { ...DRAFT, issuedAt: T1 },
          { ...DRAFT, issuedAt: T1, addedOrgIds: ['org-b'] },
        ],
      },
    ]);
    expect(marked).toEqual({ alerts: [owing], notices: [notice] });
  });
});

describe('alertsAfter', () => {
  const cleared: Alert = {
    alertId: 'TIME_LIMIT_BREACH|J|IN_YARD_TRANSFER|CNQZH',
    kind: 'TIME_LIMIT_BREACH',
    state: 'CLEARED',
    journeyId: 'J',
    containerNo: 'CSNU1234560',
    coldChain: false,
    orgIds: ['org-a'],
    at: T1,
    message: 'over the limit',
    raisedAt: T1,
    resolvedAt: T1,
    resolvedBy: 'platform',
  };

  it('holds a reopened alert whole, without the fields of its clearing, owing its RAISED change', () => {
    const { resolvedAt, resolvedBy, ...raised } = cleared;
    void [resolvedAt, resolvedBy];
    const reopened: Alert = { ...raised, state: 'OPEN', raisedAt: T2 };
    const replace = alertDocument(reopened, { change: 'RAISED', changedAt: T2 });
    const [after] = alertsAfter(
      new Map([[cleared.alertId, alertDocument(cleared)]]),
      [],
      [{ replace, from: 'CLEARED' }],
    );
    expect(after).toEqual(replace);
    expect(after).not.toHaveProperty('resolvedAt');
  });

  it('keeps an owed change when only the parties change, and the message then names the new parties', () => {
    const owing = alertDocument({ ...cleared, state: 'OPEN' }, { change: 'RAISED', changedAt: T1 });
    const [after] = alertsAfter(
      new Map([[owing._id, owing]]),
      [],
      [{ alertId: owing._id, fields: { orgIds: ['org-a', 'ORG-B'] } }],
    );
    expect(after).toMatchObject({ orgIds: ['org-a', 'ORG-B'], orgKeys: ['ORG-A', 'ORG-B'], pending: owing.pending });
  });
});

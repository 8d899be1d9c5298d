import { equipment, journey, QINZHOU, SINGAPORE, transport, watch } from './testing/watch.factory';
import { watchNotifications } from './watch-notifications';

const PUBLISHED = '2026-03-05T00:00:00Z';

describe(watchNotifications.name, () => {
  it('makes one notification per added event of a chosen kind, keyed by watch, kind and event', () => {
    const added = [
      transport('ARRI', 'e1', '2026-03-04T10:00:00+08:00'),
      equipment('CUSS', 'e2', '2026-03-04T11:00:00+08:00'),
      equipment('LOAD', 'e3', '2026-03-04T12:00:00+08:00'),
      transport('DEPA', 'e4', '2026-03-04T13:00:00+08:00'),
    ];
    const found = watchNotifications(
      watch({ kinds: ['ARRIVAL', 'INSPECTION'] }),
      journey(),
      added,
      undefined,
      PUBLISHED,
    );
    expect(found.map((n) => [n._id, n.kind, n.place])).toEqual([
      ['w_1|ARRIVAL|e1', 'ARRIVAL', QINZHOU],
      ['w_1|INSPECTION|e2', 'INSPECTION', QINZHOU],
    ]);
  });

  it('reads gate-out at the destination as the delivery, and gate-out elsewhere as nothing', () => {
    const found = watchNotifications(
      watch(),
      journey(),
      [equipment('GTOT', 'e1', '2026-03-04T10:00:00Z'), equipment('GTOT', 'e2', '2026-03-09T10:00:00Z', SINGAPORE)],
      undefined,
      PUBLISHED,
    );
    expect(found.map((n) => n._id)).toEqual(['w_1|DELIVERY|e2']);
  });

  it('tells of an ETA moved by more than the watch hours from the last one notified, not of a smaller move', () => {
    const before = '2026-03-10T08:00:00+08:00';
    const small = watchNotifications(watch(), journey({ eta: '2026-03-10T13:00:00+08:00' }), [], before, PUBLISHED);
    expect(small).toEqual([]);
    const [moved] = watchNotifications(watch(), journey({ eta: '2026-03-10T15:00:00+08:00' }), [], before, PUBLISHED);
    expect(moved).toMatchObject({
      _id: 'w_1|ETA_CHANGED|CSNU1234560/BILL_OF_LADING:WSCL1|2026-03-10T15:00:00+08:00',
      etaBefore: before,
      etaAfter: '2026-03-10T15:00:00+08:00',
      at: PUBLISHED,
    });
  });

  it('takes the first ETA seen as the mark, with nothing to tell yet', () => {
    expect(watchNotifications(watch(), journey({ eta: '2026-03-10T08:00:00Z' }), [], undefined, PUBLISHED)).toEqual([]);
  });
});

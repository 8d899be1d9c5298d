import type { Journey } from '@mmt/contracts';
import type { DcsaEvent, FeedChange, FeedEvent, SubscriptionDocument } from '@mmt/dcsa';
import { outboxPages, type OutboxInput } from './outbox-pages';

const journey = { journeyId: 'J1', containerNo: 'MSKU0000001', orgIds: ['org-a'] } as unknown as Journey;

/** A feed event `e<n>`, at feed position 1000 + n unless told. */
function feedEvent(id: string, batch: string, pos = 1000 + Number(id.slice(1))): FeedEvent {
  return {
    _id: id,
    containerNo: journey.containerNo,
    eventId: id,
    journeyId: journey.journeyId,
    orgKeys: ['ORG-A'],
    pos,
    at: new Date(0),
    f: { eventType: 'EQUIPMENT' } as FeedEvent['f'],
    event: { eventID: id } as DcsaEvent,
    batch,
  };
}

const subscription = (id: string) =>
  ({
    _id: id,
    owner: { orgId: 'org-a', orgKey: 'ORG-A', role: 'PARTNER', keyId: 'k' },
    filter: {},
    createdAt: new Date(0),
  }) as unknown as SubscriptionDocument;

/** One change of `count` events e0..e<count-1>, all due from `feedBatch` unless `feedBatchOf` says otherwise. */
function input(count: number, overrides: Partial<OutboxInput> = {}): OutboxInput {
  const change: FeedChange = { journey, added: [] };
  const events = Array.from({ length: count }, (_, i) => feedEvent(`e${i}`, '0:5-9'));
  return {
    changes: [change],
    written: [events],
    publishedAt: new Map([[change, new Date(1)]]),
    due: { feedBatchOf: new Map(events.map((e) => [e._id, '0:5-9'])), enqueued: new Map() },
    subscriptions: [subscription('s1'), subscription('s2')],
    batch: '0:5-9',
    pageSize: 4,
    ...overrides,
  };
}

const eventsOf = (pages: ReturnType<typeof outboxPages>, subscriptionId: string) =>
  pages.filter((p) => p.subscriptionId === subscriptionId).flatMap((p) => p.events.map((e) => e.eventID));

describe('outboxPages', () => {
  it('pages each subscription’s events in order, naming each page by the batch and its first event', () => {
    const pages = outboxPages(input(10));
    expect(pages.filter((p) => p.subscriptionId === 's1').map((p) => [p._id, p.count])).toEqual([
      ['s1/0:5-9/e0', 4],
      ['s1/0:5-9/e4', 4],
      ['s1/0:5-9/e8', 2],
    ]);
    expect(pages.every((p) => p.feedBatches.length === 1 && p.feedBatches[0] === '0:5-9')).toBe(true);
    const orders = pages.filter((p) => p.subscriptionId === 's1').map((p) => p.order);
    expect(orders).toEqual([...orders].sort()); // delivered in this order
  });

  it('leaves out what an earlier try of the batch enqueued, and never reuses one of its page ids', () => {
    const earlier = outboxPages(input(6));
    // The retry: the same six events (unmarked feed batch) and four more; s1's earlier pages were all written,
    // s2's not at all.
    const retry = outboxPages(
      input(10, {
        batch: '0:5-12',
        due: {
          feedBatchOf: new Map(Array.from({ length: 10 }, (_, i) => [`e${i}`, i < 6 ? '0:5-9' : '0:5-12'])),
          enqueued: new Map([['s1', new Set(eventsOf(earlier, 's1'))]]),
        },
      }),
    );
    expect(eventsOf(retry, 's1')).toEqual(['e6', 'e7', 'e8', 'e9']);
    expect(eventsOf(retry, 's2')).toEqual(Array.from({ length: 10 }, (_, i) => `e${i}`));
    const ids = [...earlier, ...retry].filter((p) => p.subscriptionId === 's1').map((p) => p._id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(retry.find((p) => p._id === 's2/0:5-12/e4')?.feedBatches).toEqual(['0:5-9', '0:5-12']);
  });

  it('pages in feed position order, whatever order the changes list the events in', () => {
    const change: FeedChange = { journey, added: [] };
    const pages = outboxPages(
      input(3, {
        changes: [change],
        written: [[feedEvent('e2', '0:5-9'), feedEvent('e0', '0:5-9'), feedEvent('e1', '0:5-9')]],
        publishedAt: new Map([[change, new Date(1)]]),
        pageSize: 2,
      }),
    );
    expect(eventsOf(pages, 's1')).toEqual(['e0', 'e1', 'e2']);
    const orders = pages.filter((p) => p.subscriptionId === 's1').map((p) => p.order);
    expect(orders).toEqual([...orders].sort());
  });

  it('enqueues an event that two updates of the batch carry once', () => {
    const change: FeedChange = { journey, added: [] };
    const again: FeedChange = { journey, added: [] };
    const pages = outboxPages(
      input(2, {
        changes: [change, again],
        written: [[feedEvent('e0', '0:5-9'), feedEvent('e1', '0:5-9')], [feedEvent('e1', '0:5-9')]],
        publishedAt: new Map([
          [change, new Date(1)],
          [again, new Date(2)],
        ]),
      }),
    );
    expect(eventsOf(pages, 's1')).toEqual(['e0', 'e1']);
  });
});

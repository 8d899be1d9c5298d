import type { RawMessage } from '@mmt/contracts';
import { MAX_MINUTES_AHEAD_OF_RECEIPT } from './limits';
import { receiptProblems } from './receipt-bounds';
import { inTransitPerContainer, manifest } from './testing/raw-message.factory';

const report = (fields: Record<string, string>) => ({ ...inTransitPerContainer(), ...fields }) as unknown as RawMessage;
// The fixture was sent at 02:05Z; the platform received it at 02:10Z.
const RECEIVED = '2026-03-01T02:10:00.000Z';
const minutesAfterReceipt = (minutes: number) => new Date(Date.parse(RECEIVED) + minutes * 60_000).toISOString();

describe(receiptProblems.name, () => {
  it('accepts a message sent before its receipt, or up to the tolerance after it', () => {
    expect(receiptProblems(report({}), RECEIVED)).toEqual([]);
    const edge = minutesAfterReceipt(MAX_MINUTES_AHEAD_OF_RECEIPT);
    expect(receiptProblems(report({ sentAt: edge, eventTime: edge }), RECEIVED)).toEqual([]);
  });

  it('rejects a sentAt beyond the tolerance, saying by how much and what is accepted', () => {
    expect(receiptProblems(report({ sentAt: minutesAfterReceipt(16) }), RECEIVED)).toEqual([
      `sentAt ${minutesAfterReceipt(16)} is 16 minutes after the platform received the message (${RECEIVED}); at most 15 minutes ahead of receipt are accepted`,
    ]);
    expect(receiptProblems(report({ sentAt: '9999-12-31T23:59:59Z' }), RECEIVED)).toHaveLength(1);
  });

  it('rejects an actual event in the future, and lets a plan or an estimate lie ahead', () => {
    const fiveYears = '2031-03-01T10:00:00+08:00';
    expect(receiptProblems(report({ eventTime: fiveYears }), RECEIVED)[0]).toMatch(
      /^eventTime 2031-03-01T10:00:00\+08:00 of an actual event is \d+ minutes after the platform received/,
    );
    expect(receiptProblems(report({ classifier: 'EST', eventTime: fiveYears }), RECEIVED)).toEqual([]);
    expect(receiptProblems(report({ classifier: 'PLN', eventTime: fiveYears }), RECEIVED)).toEqual([]);
    const documentFromTheFuture = { ...manifest(), eventTime: fiveYears } as unknown as RawMessage;
    expect(receiptProblems(documentFromTheFuture, '2026-03-02T00:10:00Z')).toHaveLength(1);
  });
});

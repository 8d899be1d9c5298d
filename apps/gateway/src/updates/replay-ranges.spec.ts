import { MAX_REPLAY_MESSAGES, rangesToReplay } from './replay-ranges';

const offsets = (...values: string[]) => new Map(values.map((offset, partition) => [partition, offset]));

describe(rangesToReplay.name, () => {
  it('reads each partition from the cursor up to where the live feed stood, and nothing where it is ahead', () => {
    const cursor = { 0: { offset: '5', skip: 2 }, 1: { offset: '9', skip: 0 }, 2: { offset: '40', skip: 0 } };
    expect(rangesToReplay(cursor, offsets('8', '9', '30'), offsets('0', '0', '0'))).toEqual(
      new Map([[0, { from: '5', to: '8' }]]),
    );
  });

  it('passes over partitions the cursor does not name and partitions the topic does not have', () => {
    expect(rangesToReplay({ 7: { offset: '0', skip: 0 } }, offsets('3', '4'), offsets('0', '0'))).toEqual(new Map());
  });

  it('refuses a cursor below what a partition still holds, saying where it starts', () => {
    expect(() => rangesToReplay({ 1: { offset: '3', skip: 0 } }, offsets('10', '10'), offsets('0', '4'))).toThrow(
      'after: this cursor is too old: partition 1 of the update topic starts at offset 4 now (older updates are ' +
        'past their retention), the cursor stands at 3. Read the journeys again (journey, journeys) and subscribe ' +
        'to trackingEvents without after.',
    );
  });

  it(`refuses a cursor more than ${MAX_REPLAY_MESSAGES} updates behind in all, with the code CURSOR_EXPIRED`, () => {
    const half = String(MAX_REPLAY_MESSAGES / 2);
    const cursor = { 0: { offset: '0', skip: 0 }, 1: { offset: '0', skip: 0 } };
    expect(rangesToReplay(cursor, offsets(half, half), offsets('0', '0')).size).toBe(2);
    const behind = () => rangesToReplay(cursor, offsets(half, String(MAX_REPLAY_MESSAGES / 2 + 1)), offsets('0', '0'));
    expect(behind).toThrow(
      `after: this cursor is ${MAX_REPLAY_MESSAGES + 1} updates behind; a stream resumes at most ${MAX_REPLAY_MESSAGES} behind.`,
    );
    const refusal = (() => {
      try {
        behind();
      } catch (error) {
        return error as { extensions?: unknown };
      }
    })();
    expect(refusal?.extensions).toEqual({ code: 'CURSOR_EXPIRED' });
  });
});

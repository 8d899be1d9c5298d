import { encodedSize, MessageTooLargeError, splitBySize } from './bounded-send';

const message = (key: string, bytes: number) => ({ key, value: 'x'.repeat(bytes) });

describe(splitBySize.name, () => {
  it('cuts a long send into sends under the limit, keeping every message once and in order', () => {
    const events = Array.from({ length: 50 }, (_, i) => message(`c${i % 7}`, 1000 + i));
    const letters = Array.from({ length: 5 }, (_, i) => message(`d${i}`, 3000));
    const sends = splitBySize(
      [
        { topic: 'events', messages: events },
        { topic: 'dead', messages: letters },
      ],
      10_000,
    );
    expect(sends.length).toBeGreaterThan(5);
    for (const send of sends) {
      const bytes = send.flatMap((t) => t.messages).reduce((sum, m) => sum + encodedSize(m), 0);
      expect(bytes).toBeLessThanOrEqual(10_000);
    }
    const of = (topic: string) =>
      sends.flatMap((send) => send.filter((t) => t.topic === topic).flatMap((t) => t.messages));
    expect(of('events')).toEqual(events);
    expect(of('dead')).toEqual(letters);
  });

  it('keeps a send that fits as one', () => {
    const messages = [message('a', 10), message('b', 10)];
    expect(splitBySize([{ topic: 't', messages }], 10_000)).toEqual([[{ topic: 't', messages }]]);
  });

  it('refuses a single message over the limit instead of letting the broker refuse the whole send', () => {
    expect(() => splitBySize([{ topic: 't', messages: [message('a', 20_000)] }], 10_000)).toThrow(MessageTooLargeError);
  });
});

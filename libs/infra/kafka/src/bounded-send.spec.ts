import { Partitioners } from 'kafkajs';
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

describe(`${splitBySize.name} with the topics' partition counts`, () => {
  const PARTITIONS = 6;
  const partitions = (topic: string) => (topic === 'updates' ? PARTITIONS : undefined);
  const updates = Array.from({ length: 300 }, (_, i) => message(`c${i % 40}`, 900 + (i % 13)));

  it("gives each message the partition kafkajs's default partitioner chooses, and fills a send up to the limit per partition", () => {
    const sends = splitBySize([{ topic: 'updates', messages: updates }], 10_000, partitions);
    // Without the counts, every send holds at most the limit in all.
    expect(sends.length).toBeLessThan(splitBySize([{ topic: 'updates', messages: updates }], 10_000).length / 3);
    const choose = Partitioners.DefaultPartitioner();
    const partitionMetadata = Array.from({ length: PARTITIONS }, (_, partitionId) => ({
      partitionId,
      leader: 0,
      replicas: [0],
      isr: [0],
      partitionErrorCode: 0,
    }));
    const sent = sends.flatMap((send) => send.flatMap((t) => t.messages));
    expect(sent.map((m) => ({ key: m.key, value: m.value }))).toEqual(updates);
    expect(sent.map((m) => m.partition)).toEqual(
      updates.map((m) => choose({ topic: 'updates', partitionMetadata, message: m })),
    );
    for (const send of sends) {
      const byPartition = new Map<number, number>();
      for (const m of send.flatMap((t) => t.messages)) {
        byPartition.set(m.partition!, (byPartition.get(m.partition!) ?? 0) + encodedSize(m));
      }
      expect(Math.max(...byPartition.values())).toBeLessThanOrEqual(10_000);
    }
  });

  it('keeps to the limit in all for the messages of a topic whose count it does not know', () => {
    const letters = Array.from({ length: 40 }, (_, i) => message(`d${i}`, 1000));
    const sends = splitBySize(
      [
        { topic: 'updates', messages: updates },
        { topic: 'dead', messages: letters },
      ],
      10_000,
      partitions,
    );
    for (const send of sends) {
      const dead = send.filter((t) => t.topic === 'dead').flatMap((t) => t.messages);
      expect(dead.reduce((sum, m) => sum + encodedSize(m), 0)).toBeLessThanOrEqual(10_000);
      expect(dead.every((m) => m.partition === undefined)).toBe(true);
    }
    expect(sends.flatMap((send) => send.filter((t) => t.topic === 'dead').flatMap((t) => t.messages))).toEqual(letters);
  });
});

import type { Consumer, Kafka } from 'kafkajs';
import { orgKey } from '@mmt/store';
import type { AlertChange, Notice } from '@mmt/contracts';

/**
 * What a receiver of `tracking.alerts.v1` and `tracking.notices.v1` sees, checked message by message. A message
 * the alerts service had to send again (its first send may have reached the broker before the failure) is the
 * same message: same identity, which a receiver that remembers identities drops.
 */

/** One alert change: the alert, the change and when it was made (a later raise of the same alert has a new time). */
export const alertChangeIdentity = (c: AlertChange) => `${c.alert.alertId}|${c.change}|${c.changedAt}`;

/** One notice send: the first issue to every party, or a send again to the parties added since. */
export const noticeIdentity = (n: Notice) =>
  `${n.noticeId}|${n.issuedAt}|${n.addedOrgIds === undefined ? '*' : [...n.addedOrgIds].map(orgKey).sort().join(',')}`;

/** How often each identity is on the topic (more than once: the same message sent again). */
export function copiesByIdentity<T>(messages: readonly T[], identity: (m: T) => string): Map<string, number> {
  const copies = new Map<string, number>();
  for (const message of messages) {
    copies.set(identity(message), (copies.get(identity(message)) ?? 0) + 1);
  }
  return copies;
}

/** The messages with each identity once, the first of each, in topic order. */
export function firstOfEach<T>(messages: readonly T[], identity: (m: T) => string): T[] {
  const seen = new Set<string>();
  return messages.filter((m) => !seen.has(identity(m)) && seen.add(identity(m)) !== undefined);
}

/**
 * Each alert's changes as a receiver applies them: RAISED and CLEARED strictly take turns, starting with RAISED
 * (a RAISED twice in a row is an alert raised twice). Returns the alerts whose sequence breaks that rule.
 */
export function brokenAlertSequences(changes: readonly AlertChange[]): Record<string, string[]> {
  const sequences = new Map<string, string[]>();
  for (const c of changes) {
    sequences.set(c.alert.alertId, [...(sequences.get(c.alert.alertId) ?? []), c.change]);
  }
  const broken: Record<string, string[]> = {};
  for (const [alertId, sequence] of sequences) {
    if (sequence.some((change, i) => change !== (i % 2 === 0 ? 'RAISED' : 'CLEARED'))) {
      broken[alertId] = sequence;
    }
  }
  return broken;
}

/**
 * How many different notice sends reached each party of each notice (`<noticeId> <party>` → count), as the
 * gateway's `noticeIssued` routes them: a first issue to every party of the journey and to the port office
 * (`PORT`), a send again (`addedOrgIds`) to the added parties only. A party counts a copy of a send it had once.
 */
export function noticeDeliveries(notices: readonly Notice[]): Map<string, number> {
  const deliveries = new Map<string, Set<string>>();
  const deliver = (notice: Notice, party: string) => {
    const key = `${notice.noticeId} ${party}`;
    deliveries.set(key, (deliveries.get(key) ?? new Set()).add(noticeIdentity(notice)));
  };
  for (const notice of notices) {
    if (notice.addedOrgIds === undefined) {
      deliver(notice, 'PORT');
    }
    for (const party of new Set((notice.addedOrgIds ?? notice.orgIds).map(orgKey))) {
      deliver(notice, party);
    }
  }
  return new Map([...deliveries].map(([key, sends]) => [key, sends.size]));
}

/**
 * Every message of some topics from their start, read by one consumer for the whole suite (cheaper than a new
 * consumer group per read): `toEnd` answers once it holds every message up to the topics' end offsets now.
 */
export class TopicCollector {
  private readonly consumer: Consumer;
  /** `<topic>/<partition>` → messages by offset. */
  private readonly read = new Map<string, Map<number, unknown>>();

  constructor(
    private readonly kafka: Kafka,
    groupId: string,
    private readonly topics: readonly string[],
  ) {
    this.consumer = kafka.consumer({ groupId });
  }

  async start(): Promise<void> {
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: [...this.topics], fromBeginning: true });
    await this.consumer.run({
      eachMessage: async ({ topic, partition, message }) => {
        const key = `${topic}/${partition}`;
        const read = this.read.get(key) ?? new Map<number, unknown>();
        this.read.set(key, read);
        read.set(Number(message.offset), JSON.parse(message.value!.toString('utf8')));
        await Promise.resolve();
      },
    });
  }

  async stop(): Promise<void> {
    await this.consumer.disconnect();
  }

  /** Every message of `topic` up to its end offsets now, in partition and offset order, each position once. */
  async toEnd<T>(topic: string, timeoutMs = 30_000): Promise<T[]> {
    const admin = this.kafka.admin();
    await admin.connect();
    const ends = await admin.fetchTopicOffsets(topic).finally(() => admin.disconnect());
    const deadline = Date.now() + timeoutMs;
    const complete = () =>
      ends.every(({ partition, high }) => {
        const read = this.read.get(`${topic}/${partition}`);
        return Number(high) === 0 || (read?.size === Number(high) && read.has(Number(high) - 1));
      });
    while (!complete()) {
      if (Date.now() > deadline) {
        throw new Error(`${topic}: not read to its end within ${timeoutMs} ms`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return ends
      .sort((a, b) => a.partition - b.partition)
      .flatMap(({ partition, high }) => {
        const read = this.read.get(`${topic}/${partition}`)!;
        return Array.from({ length: Number(high) }, (_, offset) => read?.get(offset) as T);
      });
  }
}

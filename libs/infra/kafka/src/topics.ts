import type { Admin, Kafka } from 'kafkajs';

export interface TopicSpec {
  readonly name: string;
  readonly partitions: number;
  /** Broker-side topic settings, e.g. `{ 'retention.ms': '-1' }`. */
  readonly config?: Readonly<Record<string, string>>;
}

/**
 * Creates the topics that do not exist yet, with their partition counts and the broker's default replication
 * factor, and waits until each has a leader.
 * Returns the names it created. Safe to run from several processes at once.
 */
export async function ensureTopics(kafka: Kafka, specs: readonly TopicSpec[]): Promise<string[]> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = specs.filter((spec) => !existing.has(spec.name));
    if (missing.length === 0) {
      return [];
    }
    await admin.createTopics({
      // Waited for below: kafkajs's own wait gives up when a busy broker does not list a new topic yet.
      waitForLeaders: false,
      topics: missing.map((spec) => ({
        topic: spec.name,
        numPartitions: spec.partitions,
        configEntries: Object.entries(spec.config ?? {}).map(([name, value]) => ({ name, value })),
      })),
    });
    const names = missing.map((spec) => spec.name);
    await waitForLeaders(admin, names);
    return names;
  } finally {
    await admin.disconnect();
  }
}

export async function deleteTopics(kafka: Kafka, names: readonly string[]): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const present = names.filter((name) => existing.has(name));
    if (present.length > 0) {
      await admin.deleteTopics({ topics: present });
    }
  } finally {
    await admin.disconnect();
  }
}

/** Deletes consumer groups that are done (a group that is gone or still busy is left as it is). */
export async function deleteConsumerGroups(kafka: Kafka, groupIds: readonly string[]): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.deleteGroups([...groupIds]).catch(() => undefined);
  } finally {
    await admin.disconnect();
  }
}

/**
 * Waits until the broker's coordinator of a consumer group answers for it. A fresh broker loads its group
 * coordinators for a few seconds after start, and a consumer that joins meanwhile gets "the coordinator is loading"
 * and crashes at once (kafkajs does not retry a failed first join); waiting first keeps a service started together
 * with its broker from a pointless crash and restart. Gives up after `timeoutMs` with the last error.
 */
export async function waitForGroupCoordinator(kafka: Kafka, groupId: string, timeoutMs = 60_000): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  const deadline = Date.now() + timeoutMs;
  try {
    for (;;) {
      try {
        // Answers (an unknown group is "Dead") once the coordinator has loaded; throws while it is loading.
        await admin.describeGroups([groupId]);
        return;
      } catch (error) {
        if (Date.now() > deadline) {
          throw error;
        }
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    }
  } finally {
    await admin.disconnect();
  }
}

/**
 * The next offset of every partition of these topics, by topic then partition. Right after a topic is created the
 * broker can still answer "not the leader" for a moment; that and other retriable answers are tried again until
 * `timeoutMs`, then the last error is thrown.
 */
export function topicEndOffsets(
  kafka: Kafka,
  topics: readonly string[],
  timeoutMs = 30_000,
): Promise<Map<string, Map<number, string>>> {
  return topicOffsets(kafka, topics, 'high', timeoutMs);
}

/** The earliest offset every partition of these topics still holds (retention removed those before), as above. */
export function topicStartOffsets(
  kafka: Kafka,
  topics: readonly string[],
  timeoutMs = 30_000,
): Promise<Map<string, Map<number, string>>> {
  return topicOffsets(kafka, topics, 'low', timeoutMs);
}

async function topicOffsets(
  kafka: Kafka,
  topics: readonly string[],
  end: 'low' | 'high',
  timeoutMs: number,
): Promise<Map<string, Map<number, string>>> {
  const admin = kafka.admin();
  await admin.connect();
  const deadline = Date.now() + timeoutMs;
  try {
    const ends = new Map<string, Map<number, string>>();
    for (const topic of topics) {
      for (;;) {
        try {
          const offsets = await admin.fetchTopicOffsets(topic);
          ends.set(topic, new Map(offsets.map((offset) => [offset.partition, offset[end]])));
          break;
        } catch (error) {
          if (!isRetriable(error) || Date.now() > deadline) {
            throw error;
          }
          await new Promise((resolve) => setTimeout(resolve, 250));
          // A fresh look at who leads each partition before the next try.
          await admin.fetchTopicMetadata({ topics: [topic] }).catch(() => undefined);
        }
      }
    }
    return ends;
  } finally {
    await admin.disconnect();
  }
}

/**
 * Waits until every partition of these new topics has a leader. A broker under load may answer for a moment that it
 * does not host a topic just created ("unknown topic or partition"); that and other retriable answers are asked
 * again until `timeoutMs`, then the last problem is thrown.
 */
async function waitForLeaders(admin: Admin, names: readonly string[], timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    let problem: unknown;
    try {
      const { topics } = await admin.fetchTopicMetadata({ topics: [...names] });
      const led = topics.every((t) => t.partitions.length > 0 && t.partitions.every((p) => p.leader >= 0));
      if (led && topics.length === names.length) {
        return;
      }
      problem = new Error(`topics ${names.join(', ')} have partitions without a leader`);
    } catch (error) {
      if (!isRetriable(error)) {
        throw error;
      }
      problem = error;
    }
    if (Date.now() > deadline) {
      throw problem;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

function isRetriable(error: unknown): boolean {
  return (error as { retriable?: boolean } | undefined)?.retriable === true;
}

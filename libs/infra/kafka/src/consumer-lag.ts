import type { Kafka } from 'kafkajs';
import { METRICS } from '@mmt/metrics';

/** How often a consumer's lag is read from the broker besides after each batch (METRICS_LAG_INTERVAL_MS). */
const LAG_INTERVAL_MS = Number(process.env.METRICS_LAG_INTERVAL_MS ?? 5000);

export interface LagTracker {
  /** The end offset of a partition as last read from the broker (at most LAG_INTERVAL_MS ago), if read yet. */
  readonly knownEnd: (topic: string, partition: number) => bigint | undefined;
  /** Reads the end offsets (and the lag) from the broker now; a failed read leaves the last ones. */
  readonly refresh: () => Promise<void>;
  readonly stop: () => void;
}

/**
 * Keeps `mmt_consumer_lag_messages` of a group up to date from the broker: the end of each partition minus the
 * group's committed offset (all of it when nothing is committed yet). After each batch the consumer sets it
 * itself; this covers the time before the first batch, e.g. the backlog a restarted consumer finds, which it
 * reports before it starts reading. The ends it reads tell the consumer whether more is waiting than its batch
 * knew (kafkajs fetches ahead, so a batch's own high watermark can be older than the batch's handling). Resolves
 * once that first reading is done (or failed).
 */
export async function trackLag(kafka: Kafka, group: string, topics: readonly string[]): Promise<LagTracker> {
  const admin = kafka.admin();
  const knownEnds = new Map<string, bigint>();
  let connected: Promise<void> | undefined;
  let stopped = false;
  const update = async () => {
    connected ??= admin.connect();
    await connected;
    const committed = await admin.fetchOffsets({ groupId: group, topics: [...topics] });
    for (const topic of topics) {
      const ends = await admin.fetchTopicOffsets(topic);
      const done = new Map(
        committed.find((c) => c.topic === topic)?.partitions.map((p) => [p.partition, Number(p.offset)]) ?? [],
      );
      for (const { partition, offset, low } of ends) {
        knownEnds.set(`${topic}/${partition}`, BigInt(offset));
        const from = Math.max(done.get(partition) ?? -1, Number(low));
        METRICS.consumerLag.set({ group, topic, partition: String(partition) }, Math.max(0, Number(offset) - from));
      }
    }
  };
  await update().catch(() => undefined);
  const timer = setInterval(() => {
    if (!stopped) {
      update().catch(() => undefined); // the next tick tries again; the consumer reports its own failures
    }
  }, LAG_INTERVAL_MS);
  timer.unref();
  return {
    knownEnd: (topic, partition) => knownEnds.get(`${topic}/${partition}`),
    refresh: () => update().catch(() => undefined),
    stop: () => {
      stopped = true;
      clearInterval(timer);
      void admin.disconnect().catch(() => undefined);
    },
  };
}

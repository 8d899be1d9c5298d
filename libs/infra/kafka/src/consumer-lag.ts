import type { Kafka } from 'kafkajs';
import { METRICS } from '@mmt/metrics';

/** How often a consumer's lag is read from the broker besides after each batch (METRICS_LAG_INTERVAL_MS). */
const LAG_INTERVAL_MS = Number(process.env.METRICS_LAG_INTERVAL_MS ?? 5000);

/**
 * Keeps `mmt_consumer_lag_messages` of a group up to date from the broker: the end of each partition minus the
 * group's committed offset (all of it when nothing is committed yet). After each batch the consumer sets it
 * itself; this covers the time before the first batch, e.g. the backlog a restarted consumer finds, which it
 * reports before it starts reading. Resolves, once that first reading is done (or failed), to the function that
 * stops it.
 */
export async function trackLag(kafka: Kafka, group: string, topics: readonly string[]): Promise<() => void> {
  const admin = kafka.admin();
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
  return () => {
    stopped = true;
    clearInterval(timer);
    void admin.disconnect().catch(() => undefined);
  };
}

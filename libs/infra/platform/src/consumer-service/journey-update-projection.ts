import type { KafkaMessage } from 'kafkajs';
import { parseJourneyUpdate, TOPICS } from '@mmt/contracts';
import type { BatchContext } from '@mmt/kafka';

/**
 * How every projection of `journey.updates.v1` (statistics, alerts, the partner feed) reads it: the topic, its
 * one parser, and large fetches, which let many journeys share a write (a month's statistics bucket, a
 * conveyance's manifest, a subscription's outbox page). Spread into a ConsumerServiceSpec.
 */
export const JOURNEY_UPDATE_PROJECTION = {
  topics: [TOPICS.journeyUpdates],
  parse: parseJourneyUpdate,
  tuning: { maxBytesPerPartition: 16 * 1024 * 1024, maxBytes: 48 * 1024 * 1024 },
} as const;

/**
 * Where a batch stands in its partition's sequence: the names a projection keys its exactly-once writes on, so
 * that a batch read again (a retry, a restart, a rebalance) finds what its earlier try did. Offsets are committed
 * only after the handler, so a batch is read again until one try has finished, and a partition has one reader.
 *
 * The projections share this and nothing more, because what they write differs:
 * - statistics add deltas to shared sums, which a second application would count twice: each partition is a
 *   `writer` with one change in flight, finished first after a crash, and each bucket marks the changes it holds;
 * - alerts and notices are keyed by their own ids, and each stored change carries the message it owes its topic,
 *   so a replay finds its own writes and sends only what is still owed: it needs no position at all;
 * - the partner feed hands out feed positions per `source` up to `lastOffset`, and fans events out to every
 *   subscription's outbox, so it marks each `batch` (the whole offset range) whose events are all enqueued.
 */
export interface BatchPosition {
  /** The partition as a sequence of changes: `partition-<n>`. */
  readonly writer: string;
  /** The namespaced topic and partition: `<topic>/<n>`. */
  readonly source: string;
  /** The batch's whole offset range, `<n>:<first>-<last>`: a retry with more messages is another batch. */
  readonly batch: string;
  readonly lastOffset: number;
}

export function batchPosition(context: BatchContext, messages: readonly KafkaMessage[]): BatchPosition {
  const first = messages[0]?.offset ?? 'none';
  const last = messages.at(-1)?.offset;
  return {
    writer: `partition-${context.partition}`,
    source: `${context.topic}/${context.partition}`,
    batch: `${context.partition}:${first}-${last ?? 'none'}`,
    lastOffset: Number(last ?? -1),
  };
}

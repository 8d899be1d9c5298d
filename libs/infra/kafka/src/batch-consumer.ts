import type { Batch, Consumer, Kafka, KafkaMessage } from 'kafkajs';
import { forgetConsumer, METRICS, noteBrokerContact, setConsumerState } from '@mmt/metrics';
import { trackLag } from './consumer-lag';
import { waitForGroupCoordinator } from './topics';

/** How often a batch in progress heartbeats (kafkajs sends one at most every heartbeatInterval, 3 s). */
const HEARTBEAT_EVERY_MS = 1000;

/**
 * How many times in a row one batch (the same partition and first offset) may fail before the consumer gives up.
 * kafkajs retries a failed batch itself, re-fetching from its first offset, but its retry count runs over the
 * consumer's whole life (one retrier around the fetch loop), so with its own limit the sixth failure since the
 * process started would stop the consumer however far apart the failures were. The limit is kept here, per batch.
 */
export const TRIES_PER_BATCH = 6;
/** How often BatchContext.waitForMore reads the end offsets. */
const WAIT_FOR_MORE_POLL_MS = 200;

export interface BatchContext {
  readonly topic: string;
  readonly partition: number;
  /** False once the partition was taken away by a rebalance: stop writing and let the new owner redo it. */
  readonly isCurrent: () => boolean;
  readonly heartbeat: () => Promise<void>;
  /**
   * How many messages wait on the partition after this batch, by the later of its own high watermark and the end
   * offset the lag tracker last read: 0 once the consumer is caught up.
   */
  readonly behind: number;
  /**
   * Says that the handler kept this batch's work in memory, not yet written: its offsets are not committed. They
   * are committed with those of the next batch whose handler returns without holding, which must have written
   * every batch held before it (see startBatchConsumer).
   */
  readonly hold: () => void;
  /**
   * How many messages wait after the last batch read on every partition this consumer has read since it joined its
   * group (by the later of each batch's high watermark and the end offsets the lag tracker last read). When none
   * does, waits up to `ms` for some, reading the end offsets from the broker a few times a second; `0` answers at
   * once. A handler that holds only when something waits is sure to be called again.
   */
  readonly waitForMore: (ms: number) => Promise<number>;
}

export type BatchHandler = (messages: readonly KafkaMessage[], context: BatchContext) => Promise<void>;

export interface BatchConsumerOptions {
  readonly groupId: string;
  readonly topics: readonly string[];
  readonly fromBeginning?: boolean;
  /** Partitions handled at once by this process. */
  readonly partitionsConsumedConcurrently?: number;
  /** Bytes fetched per partition and batch; a larger batch amortises the store's per-command cost. */
  readonly maxBytesPerPartition?: number;
  /** Bytes of one fetch over all partitions (it holds one batch per partition); default twice the above. */
  readonly maxBytes?: number;
  /** How long the group waits for a heartbeat before it takes the partitions away (kafkajs default 30 s). */
  readonly sessionTimeout?: number;
  /**
   * Called once when the consumer has stopped for good (kafkajs "crash"): the process must not go on looking
   * healthy. Services exit non-zero so that their supervisor restarts them from the committed offsets.
   */
  readonly onCrash: (error: Error) => void;
  /** Called after each (re)join of the group, when the partitions this process owns may have changed. */
  readonly onAssignment?: () => void;
}

/**
 * Consumes whole batches and commits a batch's offsets (its last offset + 1) only after its handler has
 * finished, so the handler's durable writes and sends come first; a restarted or rebalanced consumer resumes
 * after the last committed batch and re-reads at most the batch that was in flight. A handler may hold batches
 * (`context.hold()`: their work kept in memory to be written with later ones); their offsets are committed with
 * the next batch it does not hold, and are forgotten when the group is joined again, so a crash or a rebalance
 * re-reads every held batch from the last committed offsets. A handler that throws
 * commits nothing and stops the consumer (`onCrash`), which is why handlers must be idempotent and must send
 * bad input to a dead-letter topic themselves instead of throwing on it.
 */
export async function startBatchConsumer(
  kafka: Kafka,
  options: BatchConsumerOptions,
  handle: BatchHandler,
): Promise<Consumer> {
  await waitForGroupCoordinator(kafka, options.groupId);
  const maxBytesPerPartition = options.maxBytesPerPartition ?? 4 * 1024 * 1024;
  const consumer = kafka.consumer({
    groupId: options.groupId,
    maxBytesPerPartition,
    maxBytes: options.maxBytes ?? Math.max(10 * 1024 * 1024, 2 * maxBytesPerPartition),
    sessionTimeout: options.sessionTimeout,
    // kafkajs would restart a crashed consumer in the same process after retriable errors, and stay silent
    // after the others; one rule instead: the process ends and its supervisor starts it afresh.
    // kafkajs's own limit is effectively lifted; the per-batch one below stops a batch that keeps failing. Its
    // pause still doubles with each retry of the process's life, up to maxRetryTime.
    retry: {
      initialRetryTime: 300,
      maxRetryTime: 10_000,
      retries: Number.MAX_SAFE_INTEGER,
      restartOnFailure: () => Promise.resolve(false),
    },
  });
  const group = options.groupId;
  setConsumerState(group, 'starting');
  consumer.on(consumer.events.GROUP_JOIN, () => setConsumerState(group, 'running'));
  consumer.on(consumer.events.HEARTBEAT, () => noteBrokerContact(group));
  consumer.on(consumer.events.FETCH, () => noteBrokerContact(group));
  consumer.on(consumer.events.CRASH, (event) => {
    setConsumerState(group, 'crashed', event.payload.error.message);
    options.onCrash(event.payload.error);
  });
  const lag = await trackLag(kafka, group, options.topics);
  consumer.on(consumer.events.DISCONNECT, () => {
    lag.stop();
    forgetConsumer(group);
  });
  if (options.onAssignment !== undefined) {
    consumer.on(consumer.events.GROUP_JOIN, () => options.onAssignment?.());
  }
  const failures = new BatchFailures();
  // Per topic and partition, the offset after the last batch held: committed with the next batch not held.
  const held = new Map<string, { topic: string; partition: number; offset: string }>();
  // Per topic and partition read since the last (re)join, the offset after its last batch.
  const readTo = new Map<string, { topic: string; partition: number; next: bigint; highWatermark: bigint }>();
  // After a (re)join kafkajs fetches from the committed offsets, so the held batches are read again.
  consumer.on(consumer.events.GROUP_JOIN, () => {
    held.clear();
    readTo.clear();
  });
  const waiting = () =>
    [...readTo.values()].reduce((sum, { topic, partition, next, highWatermark }) => {
      const known = lag.knownEnd(topic, partition) ?? 0n;
      const end = known > highWatermark ? known : highWatermark;
      return sum + (end > next ? Number(end - next) : 0);
    }, 0);
  const waitForMore = async (ms: number) => {
    if (ms <= 0 || waiting() > 0) {
      return waiting();
    }
    const deadline = Date.now() + ms;
    for (;;) {
      await lag.refresh();
      const more = waiting();
      if (more > 0 || Date.now() >= deadline) {
        return more;
      }
      await new Promise((resolve) => setTimeout(resolve, Math.min(WAIT_FOR_MORE_POLL_MS, deadline - Date.now())));
    }
  };
  await consumer.connect();
  await consumer.subscribe({ topics: [...options.topics], fromBeginning: options.fromBeginning ?? true });
  await consumer.run({
    autoCommit: false,
    eachBatchAutoResolve: false,
    partitionsConsumedConcurrently: options.partitionsConsumedConcurrently ?? 1,
    eachBatch: async (payload) => {
      const { batch } = payload;
      if (batch.messages.length === 0) {
        return;
      }
      const started = performance.now();
      let holding = false;
      const key = `${batch.topic}/${batch.partition}`;
      readTo.set(key, {
        topic: batch.topic,
        partition: batch.partition,
        next: BigInt(batch.lastOffset()) + 1n,
        highWatermark: BigInt(batch.highWatermark),
      });
      const context: BatchContext = {
        topic: batch.topic,
        partition: batch.partition,
        isCurrent: () => payload.isRunning() && !payload.isStale(),
        heartbeat: () => payload.heartbeat(),
        behind: behind(batch, lag.knownEnd(batch.topic, batch.partition)),
        hold: () => (holding = true),
        waitForMore,
      };
      // kafkajs heartbeats only between batches; a batch that takes longer than the session timeout (a
      // backlog batch on a busy store) would lose its partitions, be redone by the next owner, lose them
      // again, and never be committed. Heartbeats keep going while the handler works.
      const beat = setInterval(() => void payload.heartbeat().catch(() => undefined), HEARTBEAT_EVERY_MS);
      try {
        await handle(batch.messages, context);
        failures.succeeded(batch.topic, batch.partition);
      } catch (error) {
        throw failures.failed(batch.topic, batch.partition, batch.firstOffset() ?? '', error);
      } finally {
        clearInterval(beat);
      }
      if (!context.isCurrent()) {
        return;
      }
      const next = (BigInt(batch.lastOffset()) + 1n).toString();
      // Resolving moves where kafkajs fetches next; with autoCommit off it commits nothing.
      payload.resolveOffset(batch.lastOffset());
      held.set(key, { topic: batch.topic, partition: batch.partition, offset: next });
      if (!holding) {
        await payload.commitOffsetsIfNecessary({ topics: byTopic([...held.values()]) });
        held.clear();
      }
      const labels = { group, topic: batch.topic };
      METRICS.messagesConsumed.inc(labels, batch.messages.length);
      METRICS.batchDuration.observe(labels, (performance.now() - started) / 1000);
      METRICS.consumerLag.set(
        { ...labels, partition: String(batch.partition) },
        Math.max(0, Number(BigInt(batch.highWatermark) - BigInt(next))),
      );
    },
  });
  return consumer;
}

/** Messages on the batch's partition after it: by its own high watermark, or by the end last read if that is later. */
function behind(batch: Batch, knownEnd: bigint | undefined): number {
  const next = BigInt(batch.lastOffset()) + 1n;
  const end = [BigInt(batch.highWatermark), knownEnd ?? 0n].reduce((a, b) => (a > b ? a : b));
  return Number(end > next ? end - next : 0n);
}

function byTopic(offsets: readonly { topic: string; partition: number; offset: string }[]) {
  const topics = new Map<string, { partition: number; offset: string }[]>();
  for (const { topic, partition, offset } of offsets) {
    topics.set(topic, [...(topics.get(topic) ?? []), { partition, offset }]);
  }
  return [...topics].map(([topic, partitions]) => ({ topic, partitions }));
}

/** Consecutive failures of each partition's batch at one first offset. */
class BatchFailures {
  private readonly byPartition = new Map<string, { offset: string; tries: number }>();

  succeeded(topic: string, partition: number): void {
    this.byPartition.delete(`${topic}/${partition}`);
  }

  /**
   * The error to throw for a failed try: the handler's own while the batch has tries left (kafkajs retries it),
   * then one kafkajs does not retry, which stops the consumer (its crash handler ends the process).
   */
  failed(topic: string, partition: number, offset: string, error: unknown): unknown {
    const key = `${topic}/${partition}`;
    const last = this.byPartition.get(key);
    const tries = last?.offset === offset ? last.tries + 1 : 1;
    this.byPartition.set(key, { offset, tries });
    if (tries < TRIES_PER_BATCH) {
      return error;
    }
    const cause = error instanceof Error ? error.message : String(error);
    return Object.assign(
      new Error(`the batch of ${key} at offset ${offset} failed ${tries} times in a row; last: ${cause}`, {
        cause: error,
      }),
      { retriable: false },
    );
  }
}

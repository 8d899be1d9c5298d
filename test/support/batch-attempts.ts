import type { KafkaMessage } from 'kafkajs';
import type { BatchContext } from '@mmt/kafka';

/** One call of a service's batch handler: which offsets of which partition, and how it ended. */
export interface BatchAttempt {
  readonly topic: string;
  readonly partition: number;
  readonly first: number;
  readonly last: number;
  readonly size: number;
  /** Unset while the handler runs. */
  outcome?: 'done' | 'failed';
}

/**
 * Records every batch a service's `handle` is given from now on, and how it ended: a failpoint test checks with it
 * that the failed batch was redone from the same first offset. The handler's messages are its argument at
 * `messagesAt` (the context is always the second). `onFailure` runs before the error goes back to kafkajs: a test
 * may lengthen the retry there.
 */
export function recordBatchAttempts(
  service: { prototype: object },
  messagesAt: 0 | 2,
  onFailure: (attempt: BatchAttempt, error: unknown) => Promise<void> = () => Promise.resolve(),
): BatchAttempt[] {
  type Handle = (...args: unknown[]) => Promise<void>;
  const prototype = service.prototype as { handle: Handle };
  const handle = prototype.handle;
  const attempts: BatchAttempt[] = [];
  jest.spyOn(prototype, 'handle').mockImplementation(async function (this: unknown, ...args: unknown[]) {
    const context = args[1] as BatchContext;
    const messages = args[messagesAt] as readonly KafkaMessage[];
    const attempt: BatchAttempt = {
      topic: context.topic,
      partition: context.partition,
      first: Number(messages[0].offset),
      last: Number(messages.at(-1)!.offset),
      size: messages.length,
    };
    attempts.push(attempt);
    try {
      await handle.apply(this, args);
      attempt.outcome = 'done';
    } catch (error) {
      attempt.outcome = 'failed';
      await onFailure(attempt, error);
      throw error;
    }
  });
  return attempts;
}

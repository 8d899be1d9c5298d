import type { KafkaMessage } from 'kafkajs';
import type { DeadLetter } from '@mmt/contracts';

/** The dead letter for a consumed message: every problem, where it was, and its original bytes. */
export function toDeadLetter(
  source: { topic: string; partition: number; message: KafkaMessage },
  errors: readonly string[],
  service: string,
): DeadLetter {
  return {
    reason: errors[0] ?? 'invalid message',
    errors: [...errors],
    sourceTopic: source.topic,
    sourcePartition: source.partition,
    sourceOffset: source.message.offset,
    sourceKey: source.message.key?.toString('utf8') ?? null,
    originalBase64: (source.message.value ?? Buffer.alloc(0)).toString('base64'),
    deadLetteredAt: new Date().toISOString(),
    service,
  };
}

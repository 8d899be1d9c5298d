import { createHash } from 'node:crypto';
import type { KafkaMessage } from 'kafkajs';
import { encodePayload, TOPICS, type Checked, type DeadLetter } from '@mmt/contracts';
import { METRICS, reasonLabel } from '@mmt/metrics';

/** Originals up to this size travel whole in their dead letter (base64 makes them 4/3 larger). */
export const MAX_WHOLE_ORIGINAL_BYTES = 256 * 1024;
/** What a dead letter keeps of a larger original: enough to see what it was. */
export const ORIGINAL_PREFIX_BYTES = 4 * 1024;
const MAX_ERRORS = 100;
const MAX_TEXT_CHARS = 1024;

/** A line of text cut to a length that cannot grow a dead letter past the limit (an error may quote its input). */
function capped(text: string): string {
  return text.length <= MAX_TEXT_CHARS ? text : `${text.slice(0, MAX_TEXT_CHARS)}... (${text.length} characters)`;
}

function boundedErrors(errors: readonly string[]): string[] {
  const kept = errors.length <= MAX_ERRORS ? errors : errors.slice(0, MAX_ERRORS - 1);
  const lines = kept.map(capped);
  if (kept.length < errors.length) {
    lines.push(`... and ${errors.length - kept.length} more problems`);
  }
  return lines;
}

/**
 * The dead letter for a consumed message: its problems, where it was, and its original bytes. It stays well
 * under the broker's message limit whatever came in: a large original is carried as a prefix with its size
 * and SHA-256, the errors and the key are capped.
 */
export function toDeadLetter(
  source: { topic: string; partition: number; message: KafkaMessage },
  errors: readonly string[],
  service: string,
): DeadLetter {
  const original = source.message.value ?? Buffer.alloc(0);
  const truncated = original.length > MAX_WHOLE_ORIGINAL_BYTES;
  return {
    reason: capped(errors[0] ?? 'invalid message'),
    errors: boundedErrors(errors),
    sourceTopic: source.topic,
    sourcePartition: source.partition,
    sourceOffset: source.message.offset,
    sourceKey: source.message.key === null ? null : capped(source.message.key.toString('utf8')),
    originalBase64: (truncated ? original.subarray(0, ORIGINAL_PREFIX_BYTES) : original).toString('base64'),
    originalBytes: original.length,
    originalSha256: createHash('sha256').update(original).digest('hex'),
    originalTruncated: truncated,
    deadLetteredAt: new Date().toISOString(),
    service,
  };
}

export type { Checked } from '@mmt/contracts';

/** The values of a batch's messages that pass `check`, and a dead letter for each message that does not. */
export function checkBatch<T>(
  messages: readonly KafkaMessage[],
  source: { topic: string; partition: number },
  check: (bytes: Buffer | null) => Checked<T>,
  service: string,
): { accepted: T[]; deadLetters: DeadLetter[] } {
  const accepted: T[] = [];
  const deadLetters: DeadLetter[] = [];
  for (const message of messages) {
    const checked = check(message.value);
    if (checked.ok) {
      accepted.push(checked.value);
    } else {
      deadLetters.push(toDeadLetter({ ...source, message }, [checked.error], service));
    }
  }
  return { accepted, deadLetters };
}

/** The dead-letter topic's messages for these letters, keyed as their originals were; counted by reason. */
export function deadLetterMessages(letters: readonly DeadLetter[]): { key: string | null; value: Buffer }[] {
  for (const letter of letters) {
    METRICS.deadLetters.inc({ service: letter.service, reason: reasonLabel(letter.reason) });
  }
  return letters.map((letter) => ({ key: letter.sourceKey, value: encodePayload(TOPICS.deadLetter, letter) }));
}

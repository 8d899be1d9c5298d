import { createHash } from 'node:crypto';
import type { KafkaMessage } from 'kafkajs';
import { encodedSize, MAX_MESSAGE_BYTES } from './bounded-send';
import {
  checkBatch,
  deadLetterMessages,
  MAX_WHOLE_ORIGINAL_BYTES,
  ORIGINAL_PREFIX_BYTES,
  toDeadLetter,
  type Checked,
} from './dead-letter';

function consumed(value: Buffer, key: string | null = 'key-1'): KafkaMessage {
  return {
    key: key === null ? null : Buffer.from(key),
    value,
    offset: '42',
    timestamp: '0',
    attributes: 0,
    headers: {},
  };
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe(toDeadLetter.name, () => {
  it('carries a small original whole, with its size, digest and where it was', () => {
    const original = Buffer.from('{"kind":"IN_TRANSIT"}');
    const letter = toDeadLetter(
      { topic: 'raw.in-transit.v1', partition: 3, message: consumed(original) },
      ['bad'],
      'normalizer',
    );
    expect(letter).toMatchObject({
      reason: 'bad',
      errors: ['bad'],
      sourceTopic: 'raw.in-transit.v1',
      sourcePartition: 3,
      sourceOffset: '42',
      sourceKey: 'key-1',
      originalBase64: original.toString('base64'),
      originalBytes: original.length,
      originalSha256: sha256(original),
      originalTruncated: false,
      service: 'normalizer',
    });
  });

  it('keeps a large original as its first bytes, and stays under the message limit whatever came in', () => {
    const original = Buffer.alloc(1536 * 1024, 'a');
    const errors = Array.from({ length: 5000 }, (_, i) => `containers[${i}]: ${'y'.repeat(5000)}`);
    const letter = toDeadLetter(
      { topic: 'raw.manifest.v1', partition: 0, message: consumed(original, 'k'.repeat(100_000)) },
      errors,
      'normalizer',
    );
    expect(letter.originalTruncated).toBe(true);
    expect(Buffer.from(letter.originalBase64, 'base64')).toEqual(original.subarray(0, ORIGINAL_PREFIX_BYTES));
    expect(letter.originalBytes).toBe(original.length);
    expect(letter.originalSha256).toBe(sha256(original));
    expect(letter.errors).toHaveLength(100);
    expect(letter.errors[99]).toBe('... and 4901 more problems');
    expect(letter.sourceKey!.length).toBeLessThan(1100);
    expect(encodedSize({ key: letter.sourceKey, value: JSON.stringify(letter) })).toBeLessThan(MAX_MESSAGE_BYTES);
  });

  it('still carries an original of exactly the whole-original limit in full', () => {
    const original = Buffer.alloc(MAX_WHOLE_ORIGINAL_BYTES, 'b');
    const letter = toDeadLetter({ topic: 't', partition: 0, message: consumed(original) }, ['bad'], 'normalizer');
    expect(letter.originalTruncated).toBe(false);
    expect(Buffer.from(letter.originalBase64, 'base64')).toEqual(original);
  });
});

describe(checkBatch.name, () => {
  const evenOnly = (bytes: Buffer | null): Checked<number> => {
    const n = Number(bytes?.toString('utf8'));
    return n % 2 === 0 ? { ok: true, value: n } : { ok: false, error: `${n} is odd` };
  };

  it('keeps what passes the check and dead-letters the rest, each with its reason and where it was', () => {
    const messages = ['2', '3', '4'].map((v, i) => ({ ...consumed(Buffer.from(v), `k${i}`), offset: String(i) }));
    const { accepted, deadLetters } = checkBatch(messages, { topic: 't', partition: 5 }, evenOnly, 'test');
    expect(accepted).toEqual([2, 4]);
    expect(deadLetters.map((d) => [d.reason, d.sourceTopic, d.sourcePartition, d.sourceOffset, d.service])).toEqual([
      ['3 is odd', 't', 5, '1', 'test'],
    ]);
    expect(deadLetterMessages(deadLetters)).toEqual([
      { key: 'k1', value: Buffer.from(JSON.stringify(deadLetters[0])) },
    ]);
  });
});

import { createHmac, timingSafeEqual } from 'node:crypto';
import { serverKey } from '@mmt/config';

/**
 * Opaque page cursors a client cannot forge. A cursor is `<payload>.<mac>`, both base64url: the payload is the JSON
 * the server needs to go on (a position, the query's filters), the mac an HMAC-SHA256 of the cursor's kind and
 * payload under the platform's `cursor` key. `openCursor` checks the mac, in constant time, before it decodes
 * anything, so a tampered, truncated or hand-made cursor is refused without its content ever being read, let alone
 * reaching the store. The kind is signed too, so a cursor of one list is not accepted by another.
 *
 * The payload is only readable base64, not secret: it says no more than the query that produced it.
 *
 * The same signature makes the unsubscribe links of notification e-mails (kind `unsubscribe`, the watch id).
 */
export type CursorKind = 'events' | 'subscriptions' | 'attempts' | 'journeys' | 'alerts' | 'stream' | 'unsubscribe';

const MAC_BYTES = 32;
/** Longer cursors are refused before any work: a real one carries a query string's worth of filters. */
export const MAX_CURSOR_LENGTH = 8192;

function mac(kind: CursorKind, payload: string, key: Buffer): Buffer {
  return createHmac('sha256', key).update(`${kind}.${payload}`).digest();
}

/** A signed cursor of `kind` carrying `value` (JSON). */
export function signCursor(kind: CursorKind, value: unknown, key: Buffer = serverKey('cursor')): string {
  const payload = Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
  return `${payload}.${mac(kind, payload, key).toString('base64url')}`;
}

const BASE64URL = /^[A-Za-z0-9_-]+$/;

/**
 * The value a cursor of `kind` carries, or undefined when it is not one this server signed for that kind. The
 * value is JSON the server itself wrote, but callers still check its shape before they use it.
 */
export function openCursor(kind: CursorKind, cursor: string, key: Buffer = serverKey('cursor')): unknown {
  if (cursor.length > MAX_CURSOR_LENGTH) {
    return undefined;
  }
  const dot = cursor.indexOf('.');
  const payload = cursor.slice(0, dot);
  const signature = cursor.slice(dot + 1);
  if (dot <= 0 || !BASE64URL.test(payload) || !BASE64URL.test(signature)) {
    return undefined;
  }
  const given = Buffer.from(signature, 'base64url');
  // A signature of another length (truncated, padded) is refused before the comparison, which needs equal lengths.
  if (given.length !== MAC_BYTES || !timingSafeEqual(given, mac(kind, payload, key))) {
    return undefined;
  }
  try {
    return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}

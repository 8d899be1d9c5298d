import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Webhook notification signatures. Each notification carries
 *
 *     Notification-Signature: t=<unix seconds>,sha256=<lowercase hex>
 *
 * where the hex is HMAC-SHA256, keyed with the subscription's Base64-decoded secret, over `<t>.<raw body>`.
 * DCSA 2.2 signs the body alone (`sha256=<hex>`); the signed timestamp is added so that a receiver can refuse
 * a notification recorded and sent again later (replay).
 */
export const SIGNATURE_HEADER = 'Notification-Signature';

/** How far a notification's timestamp may be from the receiver's clock: 5 minutes, as is usual for webhooks. */
export const DEFAULT_TOLERANCE_SECONDS = 300;

const MIN_SECRET_BYTES = 32;
const MAX_SECRET_BYTES = 64;

/** A new secret: 64 random bytes in Base64, as DCSA's reference implementation uses. */
export function generateSecret(): string {
  return randomBytes(MAX_SECRET_BYTES).toString('base64');
}

/** Why a secret a subscriber chose cannot be used, or undefined when it can. */
export function secretError(secret: unknown): string | undefined {
  if (typeof secret !== 'string' || !/^[A-Za-z0-9+/]+={0,2}$/.test(secret) || secret.length % 4 !== 0) {
    return 'secret: must be Base64';
  }
  const bytes = Buffer.from(secret, 'base64').length;
  return bytes < MIN_SECRET_BYTES || bytes > MAX_SECRET_BYTES
    ? `secret: must decode to ${MIN_SECRET_BYTES} to ${MAX_SECRET_BYTES} bytes, not ${bytes}`
    : undefined;
}

function digest(secret: string, timestamp: number, body: string): Buffer {
  return createHmac('sha256', Buffer.from(secret, 'base64')).update(`${timestamp}.${body}`, 'utf8').digest();
}

/** The Notification-Signature header value for `body` sent at `timestamp` (unix seconds). */
export function signNotification(secret: string, body: string, timestamp: number): string {
  return `t=${timestamp},sha256=${digest(secret, timestamp, body).toString('hex')}`;
}

export type SignatureCheck = { ok: true; timestamp: number } | { ok: false; reason: string };

/** Whether `header` signs `body` with `secret`, sent within `toleranceSeconds` of `nowSeconds`. */
export function verifyNotification(
  secret: string,
  header: string | undefined,
  body: string,
  { nowSeconds = Math.floor(Date.now() / 1000), toleranceSeconds = DEFAULT_TOLERANCE_SECONDS } = {},
): SignatureCheck {
  const match = /^\s*t=(\d{1,12}),sha256=([0-9a-f]{64})\s*$/.exec(header ?? '');
  if (match === null) {
    return { ok: false, reason: `${SIGNATURE_HEADER} missing or not "t=<seconds>,sha256=<64 hex digits>"` };
  }
  const timestamp = Number(match[1]);
  if (Math.abs(nowSeconds - timestamp) > toleranceSeconds) {
    return { ok: false, reason: `timestamp ${timestamp} is more than ${toleranceSeconds} s from now (${nowSeconds})` };
  }
  const expected = digest(secret, timestamp, body);
  if (!timingSafeEqual(expected, Buffer.from(match[2], 'hex'))) {
    return { ok: false, reason: 'signature does not match the body and secret' };
  }
  return { ok: true, timestamp };
}

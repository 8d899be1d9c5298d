import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Webhook notification signatures. By default a notification is signed as DCSA 2.2 specifies and its reference
 * implementation does:
 *
 *     Notification-Signature: sha256=<lowercase hex>
 *
 * the hex of HMAC-SHA256 over the raw body bytes, keyed with the subscription's Base64-decoded secret. A
 * subscription may ask for the TIMESTAMPED scheme instead:
 *
 *     Notification-Signature: t=<unix seconds>,sha256=<lowercase hex of the HMAC over "<t>.<raw body>">
 *
 * whose signed timestamp lets a receiver refuse a notification recorded and sent again later (replay). DCSA's
 * verifier refuses that form, so it is only sent to those who asked for it.
 */
export const SIGNATURE_HEADER = 'Notification-Signature';

export const SIGNATURE_SCHEMES = ['DCSA', 'TIMESTAMPED'] as const;
export type SignatureScheme = (typeof SIGNATURE_SCHEMES)[number];
export const DEFAULT_SIGNATURE_SCHEME: SignatureScheme = 'DCSA';

export function isSignatureScheme(value: unknown): value is SignatureScheme {
  return SIGNATURE_SCHEMES.includes(value as SignatureScheme);
}

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

function digest(secret: string, signed: string): Buffer {
  return createHmac('sha256', Buffer.from(secret, 'base64')).update(signed, 'utf8').digest();
}

/** What the HMAC covers: the body alone (DCSA), or "<t>.<body>" (TIMESTAMPED). */
function signedText(body: string, timestamp?: number): string {
  return timestamp === undefined ? body : `${timestamp}.${body}`;
}

export interface SignOptions {
  /** DCSA unless given. */
  readonly scheme?: SignatureScheme;
  /** For TIMESTAMPED: the moment signed, in unix seconds; now unless given. */
  readonly timestamp?: number;
}

/** The Notification-Signature header value for `body`: DCSA's `sha256=<hex>`, or `t=<t>,sha256=<hex>`. */
export function signNotification(secret: string, body: string, options: SignOptions = {}): string {
  if ((options.scheme ?? DEFAULT_SIGNATURE_SCHEME) === 'DCSA') {
    return `sha256=${digest(secret, signedText(body)).toString('hex')}`;
  }
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  return `t=${timestamp},sha256=${digest(secret, signedText(body, timestamp)).toString('hex')}`;
}

export type SignatureCheck = { ok: true; timestamp?: number } | { ok: false; reason: string };

export interface VerifyOptions {
  /** Which form to expect; DCSA unless told. */
  readonly scheme?: SignatureScheme;
  /** For TIMESTAMPED: the receiver's clock and how far from it a notification's t may be. */
  readonly nowSeconds?: number;
  readonly toleranceSeconds?: number;
}

const HEADER_FORMS: Record<SignatureScheme, { pattern: RegExp; shape: string }> = {
  DCSA: { pattern: /^\s*sha256=([0-9a-fA-F]{64})\s*$/, shape: 'sha256=<64 hex digits>' },
  TIMESTAMPED: {
    pattern: /^\s*t=(\d{1,12}),sha256=([0-9a-fA-F]{64})\s*$/,
    shape: 't=<seconds>,sha256=<64 hex digits>',
  },
};

/** Whether `header` signs `body` with `secret` in the scheme expected (and, if TIMESTAMPED, was sent recently). */
export function verifyNotification(
  secret: string,
  header: string | undefined,
  body: string,
  {
    scheme = DEFAULT_SIGNATURE_SCHEME,
    nowSeconds = Math.floor(Date.now() / 1000),
    toleranceSeconds = DEFAULT_TOLERANCE_SECONDS,
  }: VerifyOptions = {},
): SignatureCheck {
  const { pattern, shape } = HEADER_FORMS[scheme];
  const match = pattern.exec(header ?? '');
  if (match === null) {
    return { ok: false, reason: `${SIGNATURE_HEADER} missing or not "${shape}" (${scheme} scheme)` };
  }
  const timestamp = scheme === 'TIMESTAMPED' ? Number(match[1]) : undefined;
  if (timestamp !== undefined && Math.abs(nowSeconds - timestamp) > toleranceSeconds) {
    return { ok: false, reason: `timestamp ${timestamp} is more than ${toleranceSeconds} s from now (${nowSeconds})` };
  }
  const expected = digest(secret, signedText(body, timestamp));
  if (!timingSafeEqual(expected, Buffer.from(match[match.length - 1], 'hex'))) {
    return { ok: false, reason: 'signature does not match the body and secret' };
  }
  return timestamp === undefined ? { ok: true } : { ok: true, timestamp };
}

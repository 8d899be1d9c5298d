import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * A webhook secret as the store keeps it: AES-256-GCM ciphertext under the platform's `secrets` key, never the
 * secret itself. A store dump or backup then gives nobody the means to forge notifications. `scheme` names the
 * algorithm and version of this form, so that another can follow and both be read. The ciphertext is bound to
 * its subscription (authenticated data), so a sealed secret copied onto another subscription does not open.
 */
export const SEALED_SECRET_SCHEME = 'aes-256-gcm/1';

export interface SealedSecret {
  readonly scheme: typeof SEALED_SECRET_SCHEME;
  /** Base64 of the 12-byte nonce, new for every encryption. */
  readonly iv: string;
  /** Base64 of GCM's 16-byte authentication tag. */
  readonly tag: string;
  readonly ciphertext: string;
}

const IV_BYTES = 12;

export function isSealedSecret(value: unknown): value is SealedSecret {
  return typeof value === 'object' && value !== null && (value as SealedSecret).scheme === SEALED_SECRET_SCHEME;
}

/** Encrypts `secret` for the subscription `boundTo` under `key` (32 bytes). */
export function sealSecret(secret: string, key: Buffer, boundTo: string): SealedSecret {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(boundTo, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  return {
    scheme: SEALED_SECRET_SCHEME,
    iv: iv.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    ciphertext: ciphertext.toString('base64'),
  };
}

/** The secret `sealed` holds; throws if it was not sealed with `key` for `boundTo`, or was altered. */
export function openSecret(sealed: SealedSecret, key: Buffer, boundTo: string): string {
  if (!isSealedSecret(sealed)) {
    throw new Error(`webhook secret of ${boundTo}: not a sealed secret this version reads`);
  }
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv, 'base64'));
  decipher.setAAD(Buffer.from(boundTo, 'utf8'));
  decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
  try {
    return Buffer.concat([decipher.update(Buffer.from(sealed.ciphertext, 'base64')), decipher.final()]).toString(
      'utf8',
    );
  } catch {
    throw new Error(
      `webhook secret of ${boundTo} does not decrypt: MMT_SECRETS_KEY is not the key it was sealed with, or it was altered`,
    );
  }
}

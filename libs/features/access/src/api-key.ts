import { createHash, randomBytes } from 'node:crypto';

/** `mmt_<keyId: 8 hex>_<secret: 32 random bytes, base64url, 43 chars>`. The keyId is public; the whole key is secret. */
export const API_KEY_PATTERN = /^mmt_([0-9a-f]{8})_([A-Za-z0-9_-]{43})$/;

export interface GeneratedKey {
  keyId: string;
  apiKey: string;
}

export function generateApiKey(): GeneratedKey {
  const keyId = randomBytes(4).toString('hex');
  return { keyId, apiKey: `mmt_${keyId}_${randomBytes(32).toString('base64url')}` };
}

/** The keyId of a well-formed key, or undefined. */
export function parseApiKey(apiKey: string): { keyId: string } | undefined {
  const match = API_KEY_PATTERN.exec(apiKey);
  return match ? { keyId: match[1] } : undefined;
}

/** What is stored instead of the key: the SHA-256 of the whole key, hex. The key has 256 random bits, so no salt or KDF is needed. */
export function hashApiKey(apiKey: string): string {
  return createHash('sha256').update(apiKey, 'utf8').digest('hex');
}

import { randomBytes } from 'node:crypto';
import { generateSecret } from './notification-signature';
import { isSealedSecret, openSecret, sealSecret, SEALED_SECRET_SCHEME } from './sealed-secret';

describe('sealed webhook secrets', () => {
  const key = randomBytes(32);
  const secret = generateSecret();

  it('opens what it sealed, and the sealed form holds neither the secret nor its bytes', () => {
    const sealed = sealSecret(secret, key, 'sub-1');
    expect(isSealedSecret(sealed)).toBe(true);
    expect(sealed.scheme).toBe(SEALED_SECRET_SCHEME);
    expect(openSecret(sealed, key, 'sub-1')).toBe(secret);
    const stored = JSON.stringify(sealed);
    expect(stored).not.toContain(secret);
    expect(stored).not.toContain(Buffer.from(secret, 'base64').toString('hex'));
    expect(stored).not.toContain(Buffer.from(secret, 'base64').toString('base64').slice(0, 16));
  });

  it('uses a new nonce every time', () => {
    const first = sealSecret(secret, key, 'sub-1');
    const second = sealSecret(secret, key, 'sub-1');
    expect(first.iv).not.toBe(second.iv);
    expect(first.ciphertext).not.toBe(second.ciphertext);
  });

  it('does not open with another key, for another subscription, or once altered', () => {
    const sealed = sealSecret(secret, key, 'sub-1');
    expect(() => openSecret(sealed, randomBytes(32), 'sub-1')).toThrow(/does not decrypt/);
    expect(() => openSecret(sealed, key, 'sub-2')).toThrow(/does not decrypt/);
    const flipped = Buffer.from(sealed.ciphertext, 'base64');
    flipped[0] ^= 1;
    expect(() => openSecret({ ...sealed, ciphertext: flipped.toString('base64') }, key, 'sub-1')).toThrow(
      /does not decrypt/,
    );
    expect(() => openSecret({ ...sealed, scheme: 'rot13' } as never, key, 'sub-1')).toThrow(/not a sealed secret/);
  });
});

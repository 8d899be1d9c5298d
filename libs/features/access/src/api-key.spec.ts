import { API_KEY_PATTERN, generateApiKey, hashApiKey, parseApiKey } from './api-key';

describe(generateApiKey.name, () => {
  it('makes mmt_<8 hex keyId>_<43 base64url chars> keys that carry their keyId', () => {
    const { keyId, apiKey } = generateApiKey();
    expect(apiKey).toMatch(API_KEY_PATTERN);
    expect(keyId).toMatch(/^[0-9a-f]{8}$/);
    expect(apiKey.startsWith(`mmt_${keyId}_`)).toBe(true);
    expect(apiKey).toHaveLength(4 + 8 + 1 + 43);
  });

  it('never repeats a key', () => {
    const keys = new Set(Array.from({ length: 500 }, () => generateApiKey().apiKey));
    expect(keys.size).toBe(500);
  });
});

describe(parseApiKey.name, () => {
  it('returns the keyId of a well-formed key, also when the secret has - and _', () => {
    expect(parseApiKey(`mmt_0a1b2c3d_${'-_'.repeat(21)}x`)).toEqual({ keyId: '0a1b2c3d' });
  });

  it.each([
    '',
    'mmt_0a1b2c3d',
    `mmt_0A1B2C3D_${'A'.repeat(43)}`,
    `mmt_0a1b2c3_${'A'.repeat(43)}`,
    `mmt_0a1b2c3d_${'A'.repeat(42)}`,
    `mmt_0a1b2c3d_${'A'.repeat(44)}`,
    `mmt_0a1b2c3d_${'A'.repeat(42)}=`,
    `xyz_0a1b2c3d_${'A'.repeat(43)}`,
    ` mmt_0a1b2c3d_${'A'.repeat(43)}`,
  ])('rejects %j', (key) => {
    expect(parseApiKey(key)).toBeUndefined();
  });
});

describe(hashApiKey.name, () => {
  it('is the SHA-256 of the key, hex, and does not contain the key', () => {
    const { apiKey } = generateApiKey();
    const hash = hashApiKey(apiKey);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).toBe(hashApiKey(apiKey));
    expect(hash).not.toContain(apiKey.split('_').pop());
    expect(hashApiKey('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});

import { refusalMessage } from './api-key-check';

describe(refusalMessage.name, () => {
  it('tells how to send a key when there is none', () => {
    expect(refusalMessage({ reason: 'missing' })).toBe(
      'No API key: send it in the x-api-key header (or Authorization: Bearer <key>)',
    );
  });

  it('gives unknown and revoked keys the one answer callers know', () => {
    expect(refusalMessage({ reason: 'unknown' })).toBe('API key not recognised or revoked');
  });

  it('says which key expired and when', () => {
    expect(refusalMessage({ reason: 'expired', keyId: '0a1b2c3d', expiredAt: '2026-06-01T12:00:00.000Z' })).toBe(
      'API key 0a1b2c3d expired on 2026-06-01T12:00:00.000Z: use the key that replaced it, or ask for a new one',
    );
  });
});

import { serverKey } from './server-keys';

describe('serverKey', () => {
  it('takes a configured key of 32 bytes', () => {
    const value = Buffer.alloc(32, 7).toString('base64');
    expect(serverKey('cursor', { MMT_CURSOR_KEY: value })).toEqual(Buffer.alloc(32, 7));
  });

  it('refuses a configured key of another length, naming the variable', () => {
    expect(() => serverKey('secrets', { MMT_SECRETS_KEY: Buffer.alloc(16).toString('base64') })).toThrow(
      /MMT_SECRETS_KEY: must be Base64 of 32 bytes/,
    );
  });

  it('creates a local key once and reads the same key after', () => {
    const first = serverKey('cursor', {});
    expect(first).toHaveLength(32);
    expect(serverKey('cursor', {})).toEqual(first);
  });
});

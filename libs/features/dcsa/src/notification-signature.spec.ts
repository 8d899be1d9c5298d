import { createHmac } from 'node:crypto';
import {
  generateSecret,
  isSignatureScheme,
  secretError,
  signNotification,
  verifyNotification,
  type SignatureCheck,
} from './notification-signature';

const refused = (check: SignatureCheck) => (check.ok ? 'accepted' : check.reason);

describe('notification signatures', () => {
  const secret = generateSecret();
  const body = JSON.stringify([{ eventID: 'e1', note: 'ünïcode and spaces  ' }]);
  const now = 1_780_000_000;
  const hmac = (text: string) => createHmac('sha256', Buffer.from(secret, 'base64')).update(text, 'utf8').digest('hex');

  describe('DCSA (the default)', () => {
    it('is sha256=<lowercase hex of HMAC-SHA256 over the raw body>, keyed with the decoded secret', () => {
      expect(signNotification(secret, body)).toBe(`sha256=${hmac(body)}`);
      expect(signNotification(secret, body, { scheme: 'DCSA', timestamp: now })).toBe(`sha256=${hmac(body)}`);
    });

    it('verifies what it signed, whenever it was sent, and as DCSA allows, in either case of hex', () => {
      const header = signNotification(secret, body);
      expect(verifyNotification(secret, header, body)).toEqual({ ok: true });
      expect(verifyNotification(secret, header.toUpperCase().replace('SHA256', 'sha256'), body)).toEqual({ ok: true });
      expect(verifyNotification(secret, ` ${header} `, body, { nowSeconds: now + 10_000 })).toEqual({ ok: true });
    });

    it('refuses a changed body, another secret, the timestamped form and a malformed header', () => {
      const header = signNotification(secret, body);
      expect(refused(verifyNotification(secret, header, `${body} `))).toMatch(/does not match/);
      expect(refused(verifyNotification(generateSecret(), header, body))).toMatch(/does not match/);
      const timestamped = signNotification(secret, body, { scheme: 'TIMESTAMPED', timestamp: now });
      expect(refused(verifyNotification(secret, timestamped, body))).toMatch(/not "sha256=<64 hex digits>"/);
      expect(refused(verifyNotification(secret, 'sha1=abc', body))).toMatch(/missing or not/);
      expect(refused(verifyNotification(secret, undefined, body))).toMatch(/missing or not/);
    });
  });

  describe('TIMESTAMPED', () => {
    it('is t=<unix seconds>,sha256=<hex of the HMAC over "<t>.<body>">', () => {
      expect(signNotification(secret, body, { scheme: 'TIMESTAMPED', timestamp: now })).toBe(
        `t=${now},sha256=${hmac(`${now}.${body}`)}`,
      );
    });

    it('verifies what it signed, within the tolerance', () => {
      const header = signNotification(secret, body, { scheme: 'TIMESTAMPED', timestamp: now });
      expect(verifyNotification(secret, header, body, { scheme: 'TIMESTAMPED', nowSeconds: now + 299 })).toEqual({
        ok: true,
        timestamp: now,
      });
    });

    it('refuses a changed body, another secret, a replay outside the tolerance, a re-timed header and the DCSA form', () => {
      const header = signNotification(secret, body, { scheme: 'TIMESTAMPED', timestamp: now });
      const check = (h: string | undefined, b = body, s = secret, nowSeconds = now) =>
        refused(verifyNotification(s, h, b, { scheme: 'TIMESTAMPED', nowSeconds }));
      expect(check(header, `${body} `)).toMatch(/does not match/);
      expect(check(header, body, generateSecret())).toMatch(/does not match/);
      expect(check(header, body, secret, now + 301)).toMatch(/more than 300 s/);
      expect(check(header.replace(`t=${now}`, `t=${now + 301}`), body, secret, now + 301)).toMatch(/does not match/);
      expect(check(signNotification(secret, body))).toMatch(/missing or not "t=<seconds>,sha256=<64 hex digits>"/);
      expect(check(undefined)).toMatch(/missing or not/);
    });
  });

  it('knows its schemes', () => {
    expect(['DCSA', 'TIMESTAMPED', 'dcsa', undefined].map(isSignatureScheme)).toEqual([true, true, false, false]);
  });

  it('accepts Base64 secrets of 32 to 64 bytes only', () => {
    expect(secretError(generateSecret())).toBeUndefined();
    expect(Buffer.from(generateSecret(), 'base64')).toHaveLength(64);
    expect(secretError(Buffer.alloc(32, 7).toString('base64'))).toBeUndefined();
    expect(secretError(Buffer.alloc(31, 7).toString('base64'))).toMatch(/32 to 64 bytes, not 31/);
    expect(secretError(Buffer.alloc(65, 7).toString('base64'))).toMatch(/not 65/);
    expect(secretError('not base64!')).toMatch(/Base64/);
    expect(secretError(42)).toMatch(/Base64/);
  });
});

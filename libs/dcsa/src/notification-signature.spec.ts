import { createHmac } from 'node:crypto';
import { generateSecret, secretError, signNotification, verifyNotification } from './notification-signature';

describe('notification signatures', () => {
  const secret = generateSecret();
  const body = JSON.stringify([{ eventID: 'e1', note: 'ünïcode and spaces  ' }]);
  const now = 1_780_000_000;

  it('is HMAC-SHA256 with the decoded secret over "<t>.<body>", in lowercase hex', () => {
    const expected = createHmac('sha256', Buffer.from(secret, 'base64')).update(`${now}.${body}`, 'utf8').digest('hex');
    expect(signNotification(secret, body, now)).toBe(`t=${now},sha256=${expected}`);
  });

  it('verifies what it signed, within the tolerance', () => {
    const header = signNotification(secret, body, now);
    expect(verifyNotification(secret, header, body, { nowSeconds: now + 299 })).toEqual({ ok: true, timestamp: now });
  });

  it('refuses a changed body, another secret, a replay outside the tolerance and a malformed header', () => {
    const header = signNotification(secret, body, now);
    const refused = (check: ReturnType<typeof verifyNotification>) => (check.ok ? 'accepted' : check.reason);
    expect(refused(verifyNotification(secret, header, `${body} `, { nowSeconds: now }))).toMatch(/does not match/);
    expect(refused(verifyNotification(generateSecret(), header, body, { nowSeconds: now }))).toMatch(/does not match/);
    expect(refused(verifyNotification(secret, header, body, { nowSeconds: now + 301 }))).toMatch(/more than 300 s/);
    const retimed = header.replace(`t=${now}`, `t=${now + 301}`);
    expect(refused(verifyNotification(secret, retimed, body, { nowSeconds: now + 301 }))).toMatch(/does not match/);
    expect(
      refused(verifyNotification(secret, `sha256=${header.split('sha256=')[1]}`, body, { nowSeconds: now })),
    ).toMatch(/missing or not/);
    expect(refused(verifyNotification(secret, undefined, body, { nowSeconds: now }))).toMatch(/missing or not/);
  });

  it('accepts Base64 secrets of 32 to 64 bytes only', () => {
    expect(secretError(generateSecret())).toBeUndefined();
    expect(secretError(Buffer.alloc(32, 7).toString('base64'))).toBeUndefined();
    expect(secretError(Buffer.alloc(31, 7).toString('base64'))).toMatch(/32 to 64 bytes, not 31/);
    expect(secretError(Buffer.alloc(65, 7).toString('base64'))).toMatch(/not 65/);
    expect(secretError('not base64!')).toMatch(/Base64/);
    expect(secretError(42)).toMatch(/Base64/);
  });
});

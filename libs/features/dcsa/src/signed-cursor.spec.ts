import { randomBytes } from 'node:crypto';
import { MAX_CURSOR_LENGTH, openCursor, signCursor } from './signed-cursor';

describe('signed cursors', () => {
  const key = randomBytes(32);

  it('give back what they carry, to the kind they were made for, under the key that signed them', () => {
    const cursor = signCursor('events', { f: { eventType: ['TRANSPORT'] }, a: 17 }, key);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
    expect(openCursor('events', cursor, key)).toEqual({ f: { eventType: ['TRANSPORT'] }, a: 17 });
    expect(openCursor('attempts', cursor, key)).toBeUndefined();
    expect(openCursor('events', cursor, randomBytes(32))).toBeUndefined();
  });

  it('refuse every changed, cut, padded or unsigned form', () => {
    const cursor = signCursor('subscriptions', { s: 'b80d923d' }, key);
    const [payload, mac] = cursor.split('.');
    const unsigned = Buffer.from('{"s":{"$gt":""}}').toString('base64url');
    for (const bad of [
      '',
      '.',
      payload,
      `${payload}.`,
      `.${mac}`,
      `${payload}.${mac}A`,
      `${payload}.${mac.slice(0, -1)}`,
      `${payload}A.${mac}`,
      `${payload}.${mac}.${mac}`,
      `${unsigned}.${mac}`,
      `${payload}=.${mac}`,
      `${payload}.${'A'.repeat(MAX_CURSOR_LENGTH)}`,
    ]) {
      expect(openCursor('subscriptions', bad, key)).toBeUndefined();
    }
  });
});

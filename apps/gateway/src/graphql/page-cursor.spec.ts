import { decodeStreamCursor, encodeStreamCursor } from '../updates/stream-cursor';
import { decodeCursor, encodeCursor } from './page-cursor';

const unsigned = (value: unknown) => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');

describe('GraphQL cursors', () => {
  it('gives back the position a page or stream cursor carries', () => {
    expect(decodeCursor(encodeCursor(['0', 'J-1']), 2)).toEqual(['0', 'J-1']);
    expect(decodeStreamCursor(encodeStreamCursor({ 0: { offset: '42', skip: 3 } }))).toEqual({
      0: { offset: '42', skip: 3 },
    });
  });

  it('refuses a cursor made by hand, changed, or of the other kind', () => {
    const page = encodeCursor(['0', 'J-1']);
    const changed = `${unsigned(['0', 'J-2'])}.${page.split('.')[1]}`;
    for (const bad of [unsigned(['0', 'J-1']), changed, page.slice(0, -2), encodeStreamCursor({})]) {
      expect(() => decodeCursor(bad, 2)).toThrow(/is not a cursor this API returned/);
    }
    expect(() => decodeStreamCursor(unsigned({ 0: '1:0' }))).toThrow(/is not a stream cursor this API returned/);
    expect(() => decodeStreamCursor(page)).toThrow(/is not a stream cursor this API returned/);
  });

  it("refuses one list's cursor in another: an alert page's cursor is no journey page's", () => {
    const alerts = encodeCursor(['1', '2026-03-02T01:00:00.000Z', 'A-1'], 'alerts');
    expect(decodeCursor(alerts, 3, 'alerts')).toEqual(['1', '2026-03-02T01:00:00.000Z', 'A-1']);
    expect(() => decodeCursor(alerts, 3)).toThrow(/is not a cursor this API returned/);
    expect(() => decodeCursor(encodeCursor(['0', 'J-1']), 2, 'alerts')).toThrow(/is not a cursor this API returned/);
  });
});

import { badInput } from '../graphql-errors';

/**
 * Where a tracking-event stream stands on each partition of the update topic: the next message's offset,
 * and how many of that message's events were already delivered. Opaque to clients (base64url JSON).
 */
export type StreamPosition = Record<number, { offset: string; skip: number }>;

export function encodeStreamCursor(position: StreamPosition): string {
  const compact = Object.fromEntries(Object.entries(position).map(([p, { offset, skip }]) => [p, `${offset}:${skip}`]));
  return Buffer.from(JSON.stringify(compact), 'utf8').toString('base64url');
}

export function decodeStreamCursor(cursor: string): StreamPosition {
  try {
    const compact: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (typeof compact === 'object' && compact !== null && !Array.isArray(compact)) {
      const position: StreamPosition = {};
      for (const [partition, value] of Object.entries(compact)) {
        const match = typeof value === 'string' ? /^(\d+):(\d+)$/.exec(value) : null;
        if (!/^\d+$/.test(partition) || match === null) {
          throw new Error('bad entry');
        }
        position[Number(partition)] = { offset: match[1], skip: Number(match[2]) };
      }
      return position;
    }
  } catch {
    // falls through
  }
  throw badInput(`after: "${cursor}" is not a stream cursor this API returned`);
}

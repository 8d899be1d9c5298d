import { openCursor, signCursor } from '@mmt/dcsa';
import { badInput } from '../graphql-errors';

/**
 * Where a tracking-event stream stands on each partition of the update topic: the next message's offset,
 * and how many of that message's events were already delivered. Opaque to clients, and signed: a forged one is refused.
 */
export type StreamPosition = Record<number, { offset: string; skip: number }>;

export function encodeStreamCursor(position: StreamPosition): string {
  const compact = Object.fromEntries(Object.entries(position).map(([p, { offset, skip }]) => [p, `${offset}:${skip}`]));
  return signCursor('stream', compact);
}

export function decodeStreamCursor(cursor: string): StreamPosition {
  try {
    const compact = openCursor('stream', cursor);
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
  throw badInput(`after: "${cursor.slice(0, 200)}" is not a stream cursor this API returned`);
}

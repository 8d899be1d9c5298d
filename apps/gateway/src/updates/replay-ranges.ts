import { cursorExpired } from '../graphql-errors';
import type { StreamPosition } from './stream-cursor';

/** The most messages of the update topic a resumed trackingEvents stream reads again before it goes live. */
export const MAX_REPLAY_MESSAGES = 100_000;

/** Offsets `from` (included) to `to` (excluded) of one partition. */
export interface ReplayRange {
  readonly from: string;
  readonly to: string;
}

const START_AFRESH = 'Read the journeys again (journey, journeys) and subscribe to trackingEvents without after.';

/**
 * What a stream resumed at `cursor` reads again on each partition of the update topic: from the cursor's offset up
 * to where the gateway's live feed stood when the stream attached to it (`attached`); the live feed serves the rest.
 * Refuses (CURSOR_EXPIRED) a cursor below the earliest offset a partition still holds (`earliest`), and one more than
 * MAX_REPLAY_MESSAGES behind in all. A cursor's partition the topic does not have is passed over.
 */
export function rangesToReplay(
  cursor: StreamPosition,
  attached: ReadonlyMap<number, string>,
  earliest: ReadonlyMap<number, string>,
): Map<number, ReplayRange> {
  const ranges = new Map<number, ReplayRange>();
  let behind = 0n;
  for (const [partition, to] of attached) {
    const from = cursor[partition]?.offset;
    if (from === undefined || BigInt(from) >= BigInt(to)) {
      continue;
    }
    const low = earliest.get(partition) ?? '0';
    if (BigInt(from) < BigInt(low)) {
      throw cursorExpired(
        `after: this cursor is too old: partition ${partition} of the update topic starts at offset ${low} now ` +
          `(older updates are past their retention), the cursor stands at ${from}. ${START_AFRESH}`,
      );
    }
    ranges.set(partition, { from, to });
    behind += BigInt(to) - BigInt(from);
  }
  if (behind > BigInt(MAX_REPLAY_MESSAGES)) {
    throw cursorExpired(
      `after: this cursor is ${behind} updates behind; a stream resumes at most ${MAX_REPLAY_MESSAGES} behind. ` +
        START_AFRESH,
    );
  }
  return ranges;
}

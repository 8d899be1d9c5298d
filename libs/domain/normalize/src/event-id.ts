/**
 * Stable event ids: a hash of (source system, messageId, containerNo, part) and nothing else, so replaying
 * a raw message, or fanning a conveyance report out to a container later, yields the same ids, while two
 * source systems that happen to reuse a messageId never collide.
 */
import { createHash } from 'node:crypto';
import type { RawKind, SourceSystem } from '@mmt/contracts';

/** Which of a raw message's events for one container: its main event, or an in-transit report's ETA. */
export type EventPart = 'main' | 'eta';

/** The parts a raw message of `kind` can produce per container. */
export function eventPartsOf(kind: RawKind): readonly EventPart[] {
  return kind === 'IN_TRANSIT' ? ['main', 'eta'] : ['main'];
}

function hash(...fields: readonly string[]): string {
  return createHash('sha256').update(JSON.stringify(fields)).digest('hex').slice(0, 32);
}

/** The id of the `part` event that `source`'s message `messageId` produces for `containerNo`. */
export function eventId(source: SourceSystem, messageId: string, containerNo: string, part: EventPart): string {
  return hash(source, messageId, containerNo, part);
}

/** The id of the retraction that message `messageId` produces for `containerNo`'s `part` of the retracted message. */
export function retractionEventId(
  source: SourceSystem,
  messageId: string,
  containerNo: string,
  part: EventPart,
): string {
  return hash(source, messageId, containerNo, `retract:${part}`);
}

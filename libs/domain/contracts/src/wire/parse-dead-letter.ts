import type { DeadLetter } from '../dead-letter';
import { isStringArray, jsonObject, type Checked } from './checked';

/** The one reader of `tracking.dead-letter.v1` (operators' tools and the tests read it; no service does). */
export function parseDeadLetter(bytes: Buffer | null): Checked<DeadLetter> {
  const object = jsonObject(bytes);
  if (!object.ok) {
    return object;
  }
  const letter = object.value;
  if (typeof letter.reason !== 'string' || !isStringArray(letter.errors)) {
    return { ok: false, error: 'reason, errors: not a dead letter' };
  }
  if (typeof letter.sourceTopic !== 'string' || typeof letter.originalBase64 !== 'string') {
    return { ok: false, error: 'sourceTopic, originalBase64: not a dead letter' };
  }
  return { ok: true, value: letter as unknown as DeadLetter };
}

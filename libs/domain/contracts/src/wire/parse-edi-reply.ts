import type { EdiReply } from '../edi-reply';
import { isStringArray, jsonObject, type Checked } from './checked';

/** The one reader of `edi.replies.v1` (the source systems' connectors and the tests read it; no service does). */
export function parseEdiReply(bytes: Buffer | null): Checked<EdiReply> {
  const object = jsonObject(bytes);
  if (!object.ok) {
    return object;
  }
  const reply = object.value;
  if (typeof reply.interchangeRef !== 'string' || typeof reply.accepted !== 'boolean') {
    return { ok: false, error: 'interchangeRef, accepted: not an EDI reply' };
  }
  if (typeof reply.contrl !== 'string' || !isStringArray(reply.reasons)) {
    return { ok: false, error: 'contrl, reasons: not an EDI reply' };
  }
  return { ok: true, value: reply as unknown as EdiReply };
}

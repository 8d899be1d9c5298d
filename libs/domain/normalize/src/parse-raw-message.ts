/** Validation of raw input: bytes → a typed raw message, or every problem found, each prefixed by its path. */
import { TOPICS } from '@mmt/contracts';
import type { RawKind, RawMessage, RawTopic } from '@mmt/contracts';
import { MAX_RAW_MESSAGE_BYTES } from './limits';
import { isJsonObject, jsonType, Validator, type JsonObject } from './validate-common';
import { readInTransit } from './validate-in-transit';
import { readLoading } from './validate-loading';
import { readManifest } from './validate-manifest';
import { readSchedule } from './validate-schedule';
import { readWaybill } from './validate-waybill';

export type ParseResult = { ok: true; message: RawMessage } | { ok: false; errors: string[] };

/** The one raw kind each raw topic carries. */
export const RAW_KIND_BY_TOPIC: Readonly<Record<RawTopic, RawKind>> = {
  [TOPICS.rawInTransit]: 'IN_TRANSIT',
  [TOPICS.rawManifest]: 'MANIFEST',
  [TOPICS.rawWaybill]: 'WAYBILL',
  [TOPICS.rawLoading]: 'LOADING',
  [TOPICS.rawSchedule]: 'SCHEDULE',
};

function kindOfTopic(topic: string): RawKind | undefined {
  return Object.entries(RAW_KIND_BY_TOPIC).find(([t]) => t === topic)?.[1];
}

function readBody(v: Validator, kind: RawKind, obj: JsonObject): RawMessage {
  switch (kind) {
    case 'IN_TRANSIT':
      return readInTransit(v, obj);
    case 'MANIFEST':
      return readManifest(v, obj);
    case 'WAYBILL':
      return readWaybill(v, obj);
    case 'LOADING':
      return readLoading(v, obj);
    case 'SCHEDULE':
      return readSchedule(v, obj);
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function decodeJson(bytes: Buffer): { ok: true; value: unknown } | { ok: false; error: string } {
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return { ok: false, error: 'message: not valid UTF-8' };
  }
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (e) {
    return { ok: false, error: `message: not valid JSON (${e instanceof Error ? e.message : String(e)})` };
  }
}

/**
 * Validates the bytes of a raw message from `topic`. Unknown extra fields are allowed and dropped:
 * the returned message holds only the fields of its contract type.
 */
export function parseRawMessage(topic: RawTopic, bytes: Buffer): ParseResult {
  const expectedKind = kindOfTopic(topic);
  if (expectedKind === undefined) {
    return { ok: false, errors: [`topic: "${String(topic)}" is not a raw topic`] };
  }
  if (bytes.length > MAX_RAW_MESSAGE_BYTES) {
    return {
      ok: false,
      errors: [`message: ${bytes.length} bytes is more than the limit of ${MAX_RAW_MESSAGE_BYTES} bytes (1 MiB)`],
    };
  }
  const decoded = decodeJson(bytes);
  if (!decoded.ok) {
    return { ok: false, errors: [decoded.error] };
  }
  if (!isJsonObject(decoded.value)) {
    return { ok: false, errors: [`message: must be a JSON object, got ${jsonType(decoded.value)}`] };
  }
  const obj = decoded.value;
  const v = new Validator();
  const kind = obj['kind'];
  if (kind === undefined) {
    v.error('kind', `required (${expectedKind} on ${topic})`);
  } else if (kind !== expectedKind) {
    const shown = typeof kind === 'string' ? `"${kind.slice(0, 40)}"` : jsonType(kind);
    v.error('kind', `${shown} does not belong on ${topic}, which carries ${expectedKind}`);
  }
  const message = readBody(v, expectedKind, obj);
  return v.errors.length === 0 ? { ok: true, message } : { ok: false, errors: v.errors };
}

/**
 * Invalid messages, each a valid one with exactly one clear defect, so tests can check the normalizer
 * dead-letters each for the right reason.
 */
import { RAW_TOPICS, type RawMessage, type RawTopic } from '@mmt/contracts';
import type { Emitted } from './feed';
import type { Prng } from './prng';
import { INVALID_REASONS, type InvalidReason, type SimulatedMessage } from './types';

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

/** Where each kind names a place; a schedule names one in each of its transportCalls. */
const PLACE_FIELD: Readonly<Record<Exclude<RawMessage['kind'], 'SCHEDULE'>, string>> = {
  IN_TRANSIT: 'location',
  LOADING: 'location',
  MANIFEST: 'placeOfLoading',
  WAYBILL: 'origin',
};

const REQUIRED_FIELDS: Readonly<Record<RawMessage['kind'], readonly string[]>> = {
  IN_TRANSIT: ['eventTime', 'status', 'location', 'classifier'],
  LOADING: ['containerNo', 'operation', 'eventTime', 'location'],
  MANIFEST: ['manifestNo', 'conveyance', 'eventTime', 'containers'],
  WAYBILL: ['documentNo', 'shipper', 'eventTime', 'origin'],
  SCHEDULE: ['conveyance', 'eventTime', 'transportCalls'],
};

function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The container-number holders in a message: itself (`containerNo`) or its `containers` lines. */
function containerHolders(body: JsonObject): JsonObject[] {
  if (typeof body.containerNo === 'string') {
    return [body];
  }
  const lines = body.containers;
  return Array.isArray(lines) ? lines.filter(isObject) : [];
}

function breakCheckDigit(containerNo: string, rng: Prng): string {
  const wrong = (Number(containerNo[10]) + rng.int(1, 9)) % 10;
  return `${containerNo.slice(0, 10)}${wrong}`;
}

/** Applies `reason` to a copy of `emitted`; undefined when that defect does not fit this message. */
function corrupt(emitted: Emitted, reason: InvalidReason, serial: number, rng: Prng): SimulatedMessage | undefined {
  const body = JSON.parse(JSON.stringify(emitted.message)) as JsonObject;
  body.messageId = `${emitted.message.messageId}-BAD${serial}`;
  let topic: RawTopic = emitted.topic;
  let text: string | undefined;
  switch (reason) {
    case 'check-digit': {
      const holders = containerHolders(body);
      if (holders.length === 0) {
        return undefined;
      }
      const holder = rng.pick(holders);
      const containerNo = holder.containerNo;
      if (typeof containerNo !== 'string') {
        return undefined;
      }
      holder.containerNo = breakCheckDigit(containerNo, rng);
      break;
    }
    case 'unknown-locode': {
      const { kind } = emitted.message;
      const calls = body.transportCalls;
      if (kind !== 'SCHEDULE') {
        body[PLACE_FIELD[kind]] = { locode: 'XXZZZ' };
      } else if (Array.isArray(calls) && isObject(calls[0])) {
        calls[0].location = { locode: 'XXZZZ' };
      }
      break;
    }
    case 'not-json': {
      const full = JSON.stringify(body);
      text = full.slice(0, Math.floor(full.length * rng.between(0.3, 0.9)));
      break;
    }
    case 'missing-field':
      delete body[rng.pick(REQUIRED_FIELDS[emitted.message.kind])];
      break;
    case 'no-offset':
      body.eventTime = emitted.message.eventTime.replace(/(Z|[+-]\d{2}:\d{2})$/, '');
      break;
    case 'wrong-kind':
      topic = rng.pick(RAW_TOPICS.filter((t) => t !== emitted.topic));
      break;
  }
  return {
    topic,
    key: emitted.key,
    value: Buffer.from(text ?? JSON.stringify(body), 'utf8'),
    valid: false,
    invalidReason: reason,
  };
}

/** `count` invalid messages derived from random valid ones, reasons spread over every category. */
export function makeInvalid(valid: readonly Emitted[], count: number, rng: Prng): SimulatedMessage[] {
  const out: SimulatedMessage[] = [];
  if (valid.length === 0) {
    return out;
  }
  for (let serial = 1; out.length < count; serial += 1) {
    const reason = INVALID_REASONS[out.length % INVALID_REASONS.length];
    const made = corrupt(rng.pick(valid), reason, serial, rng);
    if (made !== undefined) {
      out.push(made);
    }
  }
  return out;
}

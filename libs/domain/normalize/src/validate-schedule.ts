import type { RawSchedule, RawTransportCall } from '@mmt/contracts';
import { epochMillis } from './date-time';
import { isJsonObject, itemPath, jsonType, type JsonObject, type Validator } from './validate-common';
import { MAX_LENGTH } from './limits';
import { readEnvelope, reqConveyance } from './validate-parts';

/** A timetable or port-call schedule has at most this many calls (a China-Europe train: about a dozen). */
export const MAX_TRANSPORT_CALLS = 100;

/** Reads a raw schedule (without `kind`); every problem goes to `v`. */
export function readSchedule(v: Validator, obj: JsonObject): RawSchedule {
  const envelope = readEnvelope(v, obj);
  if (envelope.retractsMessageId !== undefined) {
    v.error('retractsMessageId', 'a schedule is not retracted: send its next version (a later sentAt) instead');
  }
  const eventTime = v.reqDateTime(obj, 'eventTime', '');
  v.checkEventTime('eventTime', eventTime, envelope.sentAt);
  const conveyance = reqConveyance(v, obj, 'conveyance', '');
  if (conveyance.mode === 'TRUCK') {
    v.error('conveyance.mode', 'a schedule is for a train, vessel or barge, not a TRUCK');
  }
  const serviceCode = v.optString(obj, 'serviceCode', '', MAX_LENGTH.code);
  const { items } = v.array(obj, 'transportCalls', '', { required: true, min: 2, max: MAX_TRANSPORT_CALLS });
  const transportCalls = items.flatMap((item, index) => {
    const path = itemPath('transportCalls', index);
    if (!isJsonObject(item)) {
      v.error(path, `must be an object, got ${jsonType(item)}`);
      return [];
    }
    return [readCall(v, item, path, envelope.sentAt)];
  });
  const places = transportCalls.map((call) => `${call.location.locode}/${call.location.facility ?? ''}`);
  places.forEach((place, index) => {
    if (places.indexOf(place) !== index) {
      v.error(itemPath('transportCalls', index), `calls at ${place.replace(/\/$/, '')} twice: one call per place`);
    }
  });
  return {
    kind: 'SCHEDULE',
    messageId: envelope.messageId,
    source: envelope.source,
    sentAt: envelope.sentAt,
    eventTime,
    conveyance: conveyance as RawSchedule['conveyance'],
    ...(serviceCode === undefined ? {} : { serviceCode }),
    transportCalls,
  };
}

function readCall(v: Validator, obj: JsonObject, path: string, sentAt: string): RawTransportCall {
  const location = v.reqPlace(obj, 'location', path);
  const times = {
    plannedArrival: v.optDateTime(obj, 'plannedArrival', path),
    plannedDeparture: v.optDateTime(obj, 'plannedDeparture', path),
    plannedPassing: v.optDateTime(obj, 'plannedPassing', path),
  };
  for (const [key, time] of Object.entries(times)) {
    if (time !== undefined) {
      v.checkEventTime(`${path}.${key}`, time, sentAt);
    }
  }
  const { plannedArrival, plannedDeparture, plannedPassing } = times;
  if (plannedArrival === undefined && plannedDeparture === undefined && plannedPassing === undefined) {
    v.error(path, 'needs plannedArrival, plannedDeparture or plannedPassing');
  }
  if (plannedPassing !== undefined && (plannedArrival !== undefined || plannedDeparture !== undefined)) {
    v.error(`${path}.plannedPassing`, 'a call is passed, or arrived at and departed from, not both');
  }
  const [arrives, departs] = [epochMillis(plannedArrival ?? ''), epochMillis(plannedDeparture ?? '')];
  if (arrives !== undefined && departs !== undefined && departs < arrives) {
    v.error(`${path}.plannedDeparture`, `${plannedDeparture} is before plannedArrival ${plannedArrival}`);
  }
  return {
    location,
    ...(plannedArrival === undefined ? {} : { plannedArrival }),
    ...(plannedDeparture === undefined ? {} : { plannedDeparture }),
    ...(plannedPassing === undefined ? {} : { plannedPassing }),
  };
}

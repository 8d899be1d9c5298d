import { CORRIDORS, DOCUMENT_TYPES, WAYBILL_STATUSES } from '@mmt/contracts';
import type { RawWaybill } from '@mmt/contracts';
import { epochMillis } from './date-time';
import { MAX_CONTAINERS_PER_DOCUMENT, MAX_LENGTH } from './limits';
import { isJsonObject, itemPath, jsonType, type JsonObject, type Validator } from './validate-common';
import { checkNoDuplicateContainers, ISO_SIZE_TYPE, optParty, readEnvelope, reqParty } from './validate-parts';

export const WAYBILL_DOCUMENT_TYPES = DOCUMENT_TYPES.filter((t): t is RawWaybill['documentType'] => t !== 'MANIFEST');

type WaybillContainer = RawWaybill['containers'][number];

function readContainer(v: Validator, item: unknown, path: string): WaybillContainer | undefined {
  if (!isJsonObject(item)) {
    v.error(path, `must be an object, got ${jsonType(item)}`);
    return undefined;
  }
  const containerNo = v.reqContainerNo(item, 'containerNo', path);
  const isoSizeType = v.optString(item, 'isoSizeType', path, 20, ISO_SIZE_TYPE);
  return isoSizeType === undefined ? { containerNo } : { containerNo, isoSizeType };
}

/** Reads a raw waybill (without `kind`); every problem goes to `v`. */
export function readWaybill(v: Validator, obj: JsonObject): RawWaybill {
  const envelope = readEnvelope(v, obj);
  const documentType = v.reqEnum(obj, 'documentType', '', WAYBILL_DOCUMENT_TYPES);
  const documentNo = v.reqString(obj, 'documentNo', '', MAX_LENGTH.code);
  const status = v.reqEnum(obj, 'status', '', WAYBILL_STATUSES);
  const eventTime = v.reqDateTime(obj, 'eventTime', '');
  v.checkEventTime('eventTime', eventTime, envelope.sentAt);
  const shipper = reqParty(v, obj, 'shipper', '');
  const consignee = reqParty(v, obj, 'consignee', '');
  const forwarder = optParty(v, obj, 'forwarder', '');
  const origin = v.reqPlace(obj, 'origin', '');
  const destination = v.reqPlace(obj, 'destination', '');
  const corridor = v.optEnum(obj, 'corridor', '', CORRIDORS);
  const cargoDescription = v.reqString(obj, 'cargoDescription', '', MAX_LENGTH.cargoDescription);
  const coldChain = v.reqBoolean(obj, 'coldChain', '');

  const plannedDeparture = v.optDateTime(obj, 'plannedDeparture', '');
  const plannedArrival = v.optDateTime(obj, 'plannedArrival', '');
  if (plannedDeparture !== undefined) {
    v.checkEventTime('plannedDeparture', plannedDeparture, envelope.sentAt);
  }
  if (plannedArrival !== undefined) {
    v.checkEventTime('plannedArrival', plannedArrival, envelope.sentAt);
  }
  const departureMs = plannedDeparture === undefined ? undefined : epochMillis(plannedDeparture);
  const arrivalMs = plannedArrival === undefined ? undefined : epochMillis(plannedArrival);
  if (departureMs !== undefined && arrivalMs !== undefined && arrivalMs < departureMs) {
    v.error('plannedArrival', `${plannedArrival} is before plannedDeparture (${plannedDeparture})`);
  }

  const { items } = v.array(obj, 'containers', '', { required: true, min: 1, max: MAX_CONTAINERS_PER_DOCUMENT });
  const read = items.map((item, i) => readContainer(v, item, itemPath('containers', i)));
  checkNoDuplicateContainers(
    v,
    read.map((c, i) => ({ containerNo: c?.containerNo ?? '', path: `${itemPath('containers', i)}.containerNo` })),
  );
  const containers = read.flatMap((c) => (c === undefined ? [] : [c]));

  return {
    kind: 'WAYBILL',
    ...envelope,
    documentType,
    documentNo,
    status,
    eventTime,
    shipper,
    consignee,
    ...(forwarder === undefined ? {} : { forwarder }),
    origin,
    destination,
    ...(corridor === undefined ? {} : { corridor }),
    cargoDescription,
    coldChain,
    ...(plannedDeparture === undefined ? {} : { plannedDeparture }),
    ...(plannedArrival === undefined ? {} : { plannedArrival }),
    containers,
  };
}

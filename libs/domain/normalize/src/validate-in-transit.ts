import { CLASSIFIERS, GAUGES, IN_TRANSIT_STATUSES } from '@mmt/contracts';
import type { RawInTransit } from '@mmt/contracts';
import { type JsonObject, type Validator } from './validate-common';
import { optConveyance, readEnvelope } from './validate-parts';

/** Reads a raw in-transit report (without `kind`); every problem goes to `v`. */
export function readInTransit(v: Validator, obj: JsonObject): RawInTransit {
  const envelope = readEnvelope(v, obj);
  const status = v.reqEnum(obj, 'status', '', IN_TRANSIT_STATUSES);
  const classifier = v.reqEnum(obj, 'classifier', '', CLASSIFIERS);
  const eventTime = v.reqDateTime(obj, 'eventTime', '');
  v.checkEventTime('eventTime', eventTime, envelope.sentAt);
  const location = v.reqPlace(obj, 'location', '');
  const conveyance = optConveyance(v, obj, 'conveyance', '');
  const containerNo = v.optContainerNo(obj, 'containerNo', '');

  if (obj['conveyance'] === undefined) {
    if (obj['status'] === 'DEPARTED' || obj['status'] === 'ARRIVED') {
      v.error('conveyance', 'required for DEPARTED/ARRIVED');
    } else if (obj['containerNo'] === undefined) {
      v.error('conveyance', 'required when there is no containerNo (a report names a conveyance, a container or both)');
    }
  }

  const toConveyance = optConveyance(v, obj, 'toConveyance', '');
  const gauge = obj['gauge'] === undefined ? undefined : v.reqEnum(obj, 'gauge', '', GAUGES);
  if (obj['status'] === 'TRANSFERRED') {
    if (obj['conveyance'] === undefined) {
      v.error('conveyance', 'required for TRANSFERRED (the train the containers leave)');
    }
    if (obj['toConveyance'] === undefined) {
      v.error('toConveyance', 'required for TRANSFERRED (the train the containers continue on)');
    } else if (toConveyance?.mode !== 'RAIL' || conveyance?.mode !== 'RAIL') {
      v.error('toConveyance', 'a transfer is from one train to another: both conveyances must be RAIL');
    }
  } else if (obj['toConveyance'] !== undefined || obj['gauge'] !== undefined) {
    v.error(obj['toConveyance'] !== undefined ? 'toConveyance' : 'gauge', 'only for status TRANSFERRED');
  }

  let estimatedArrival: RawInTransit['estimatedArrival'];
  const etaObj = v.optObject(obj, 'estimatedArrival', '');
  if (etaObj !== undefined) {
    const etaLocation = v.reqPlace(etaObj, 'location', 'estimatedArrival');
    const time = v.reqDateTime(etaObj, 'time', 'estimatedArrival');
    v.checkEventTime('estimatedArrival.time', time, envelope.sentAt);
    estimatedArrival = { location: etaLocation, time };
  }

  return {
    kind: 'IN_TRANSIT',
    ...envelope,
    status,
    classifier,
    eventTime,
    location,
    ...(conveyance === undefined ? {} : { conveyance }),
    ...(containerNo === undefined ? {} : { containerNo }),
    ...(estimatedArrival === undefined ? {} : { estimatedArrival }),
    ...(toConveyance === undefined ? {} : { toConveyance }),
    ...(gauge === undefined ? {} : { gauge }),
  };
}

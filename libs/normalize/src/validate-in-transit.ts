import { CLASSIFIERS, IN_TRANSIT_STATUSES } from '@mmt/contracts';
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
  };
}

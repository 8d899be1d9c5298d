import { CLASSIFIERS, LOADING_OPERATIONS } from '@mmt/contracts';
import type { RawLoading } from '@mmt/contracts';
import { type JsonObject, type Validator } from './validate-common';
import { optConveyance, optParty, readDocuments, readEnvelope, readEquipmentDetails } from './validate-parts';

/** Reads a raw loading/discharge report (without `kind`); every problem goes to `v`. */
export function readLoading(v: Validator, obj: JsonObject): RawLoading {
  const envelope = readEnvelope(v, obj);
  const containerNo = v.reqContainerNo(obj, 'containerNo', '');
  const operation = v.reqEnum(obj, 'operation', '', LOADING_OPERATIONS);
  const classifier = v.optEnum(obj, 'classifier', '', CLASSIFIERS);
  const eventTime = v.reqDateTime(obj, 'eventTime', '');
  v.checkEventTime('eventTime', eventTime, envelope.sentAt);
  const location = v.reqPlace(obj, 'location', '');
  const conveyance = optConveyance(v, obj, 'conveyance', '');
  const documents = readDocuments(v, obj, 'documents', '', false);
  const customsBroker = optParty(v, obj, 'customsBroker', '');
  const declarationNo = v.optString(obj, 'declarationNo', '', 64);
  if (operation === 'CUSTOMS_DECLARED' && customsBroker === undefined) {
    v.error('customsBroker', 'required for CUSTOMS_DECLARED: the customs broker that lodged the declaration');
  }

  return {
    kind: 'LOADING',
    ...envelope,
    containerNo,
    operation,
    ...(classifier === undefined ? {} : { classifier }),
    eventTime,
    location,
    ...(conveyance === undefined ? {} : { conveyance }),
    ...(documents === undefined ? {} : { documents }),
    ...readEquipmentDetails(v, obj, ''),
    ...(customsBroker === undefined ? {} : { customsBroker }),
    ...(declarationNo === undefined ? {} : { declarationNo }),
  };
}

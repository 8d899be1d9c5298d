import { MANIFEST_STATUSES } from '@mmt/contracts';
import type { RawManifest, RawManifestLine } from '@mmt/contracts';
import { MAX_CONTAINERS_PER_DOCUMENT, MAX_LENGTH } from './limits';
import { isJsonObject, itemPath, jsonType, type JsonObject, type Validator } from './validate-common';
import {
  checkNoDuplicateContainers,
  readDocuments,
  readEnvelope,
  readEquipmentDetails,
  reqConveyance,
  reqParty,
} from './validate-parts';

function readLine(v: Validator, item: unknown, path: string): RawManifestLine | undefined {
  if (!isJsonObject(item)) {
    v.error(path, `must be an object, got ${jsonType(item)}`);
    return undefined;
  }
  return {
    containerNo: v.reqContainerNo(item, 'containerNo', path),
    documents: readDocuments(v, item, 'documents', path, true) ?? [],
    ...readEquipmentDetails(v, item, path),
  };
}

/** Reads a raw manifest (without `kind`); every problem goes to `v`. */
export function readManifest(v: Validator, obj: JsonObject): RawManifest {
  const envelope = readEnvelope(v, obj);
  const manifestNo = v.reqString(obj, 'manifestNo', '', MAX_LENGTH.code);
  const status = v.reqEnum(obj, 'status', '', MANIFEST_STATUSES);
  const eventTime = v.reqDateTime(obj, 'eventTime', '');
  v.checkEventTime('eventTime', eventTime, envelope.sentAt);
  const conveyance = reqConveyance(v, obj, 'conveyance', '');
  const placeOfLoading = v.reqPlace(obj, 'placeOfLoading', '');
  const placeOfDischarge = v.reqPlace(obj, 'placeOfDischarge', '');
  const carrier = reqParty(v, obj, 'carrier', '');

  const { items } = v.array(obj, 'containers', '', { required: true, min: 1, max: MAX_CONTAINERS_PER_DOCUMENT });
  const lines = items.map((item, i) => ({ line: readLine(v, item, itemPath('containers', i)), index: i }));
  checkNoDuplicateContainers(
    v,
    lines.map(({ line, index }) => ({
      containerNo: line?.containerNo ?? '',
      path: `${itemPath('containers', index)}.containerNo`,
    })),
  );
  const containers = lines.flatMap(({ line }) => (line === undefined ? [] : [line]));

  return {
    kind: 'MANIFEST',
    ...envelope,
    manifestNo,
    status,
    eventTime,
    conveyance,
    placeOfLoading,
    placeOfDischarge,
    carrier,
    containers,
  };
}

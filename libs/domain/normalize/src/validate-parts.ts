/** Readers for the parts several raw kinds share: envelope, conveyance, party, documents, seals. */
import { DOCUMENT_TYPES, SOURCE_SYSTEMS, TRANSPORT_MODES } from '@mmt/contracts';
import type { Conveyance, DocumentRef, RawInTransit, RawParty } from '@mmt/contracts';
import { MAX_DOCUMENT_REFS, MAX_LENGTH, MAX_SEALS } from './limits';
import { fieldPath, isJsonObject, itemPath, jsonType, type JsonObject, type Validator } from './validate-common';

export type RawEnvelopeFields = Pick<RawInTransit, 'messageId' | 'source' | 'sentAt' | 'retractsMessageId'>;

export const IMO_NUMBER = { re: /^\d{7}$/, says: 'an IMO number (7 digits)' };
export const ISO_SIZE_TYPE = {
  re: /^[0-9A-Z]{4}$/,
  says: 'an ISO 6346 size-type code (4 characters, e.g. 22G1, 45G1)',
};
export const EMPTY_INDICATORS = ['EMPTY', 'LADEN'] as const;

/** messageId, source, sentAt, retractsMessageId: common to every raw kind. */
export function readEnvelope(v: Validator, obj: JsonObject): RawEnvelopeFields {
  const messageId = v.reqString(obj, 'messageId', '', MAX_LENGTH.messageId);
  const source = v.reqEnum(obj, 'source', '', SOURCE_SYSTEMS);
  const sentAt = v.reqDateTime(obj, 'sentAt', '');
  v.checkEventTime('sentAt', sentAt, sentAt);
  const retractsMessageId = v.optString(obj, 'retractsMessageId', '', MAX_LENGTH.messageId);
  if (retractsMessageId !== undefined && retractsMessageId === messageId) {
    v.error('retractsMessageId', 'a message cannot retract itself (equals messageId)');
  }
  return retractsMessageId === undefined
    ? { messageId, source, sentAt }
    : { messageId, source, sentAt, retractsMessageId };
}

function conveyanceValue(v: Validator, obj: JsonObject, path: string): Conveyance | undefined {
  const modeValue = obj['mode'];
  const mode = v.reqEnum(obj, 'mode', path, TRANSPORT_MODES);
  if (modeValue === undefined || modeValue !== mode) {
    return undefined;
  }
  switch (mode) {
    case 'RAIL':
      return {
        mode,
        trainNo: v.reqString(obj, 'trainNo', path, MAX_LENGTH.code),
        departureDate: v.reqDate(obj, 'departureDate', path),
      };
    case 'VESSEL':
      return {
        mode,
        imo: v.reqString(obj, 'imo', path, MAX_LENGTH.code, IMO_NUMBER),
        voyage: v.reqString(obj, 'voyage', path, MAX_LENGTH.code),
      };
    case 'BARGE':
      return {
        mode,
        name: v.reqString(obj, 'name', path, MAX_LENGTH.name),
        voyage: v.reqString(obj, 'voyage', path, MAX_LENGTH.code),
      };
    case 'TRUCK':
      return { mode, plate: v.reqString(obj, 'plate', path, MAX_LENGTH.code) };
  }
}

export function optConveyance(v: Validator, obj: JsonObject, key: string, parent: string): Conveyance | undefined {
  const conveyanceObj = v.optObject(obj, key, parent);
  return conveyanceObj === undefined ? undefined : conveyanceValue(v, conveyanceObj, fieldPath(parent, key));
}

/** A required conveyance; a placeholder truck (problem recorded) when absent or invalid. */
export function reqConveyance(v: Validator, obj: JsonObject, key: string, parent: string): Conveyance {
  const conveyanceObj = v.reqObject(obj, key, parent);
  const conveyance =
    conveyanceObj === undefined ? undefined : conveyanceValue(v, conveyanceObj, fieldPath(parent, key));
  return conveyance ?? { mode: 'TRUCK', plate: '' };
}

function partyValue(v: Validator, obj: JsonObject, path: string): RawParty {
  return {
    orgId: v.reqString(obj, 'orgId', path, MAX_LENGTH.code),
    name: v.reqString(obj, 'name', path, MAX_LENGTH.name),
  };
}

export function reqParty(v: Validator, obj: JsonObject, key: string, parent: string): RawParty {
  const partyObj = v.reqObject(obj, key, parent);
  return partyObj === undefined ? { orgId: '', name: '' } : partyValue(v, partyObj, fieldPath(parent, key));
}

export function optParty(v: Validator, obj: JsonObject, key: string, parent: string): RawParty | undefined {
  const partyObj = v.optObject(obj, key, parent);
  return partyObj === undefined ? undefined : partyValue(v, partyObj, fieldPath(parent, key));
}

/** An array of document references; undefined when absent and optional. */
export function readDocuments(
  v: Validator,
  obj: JsonObject,
  key: string,
  parent: string,
  required: boolean,
): DocumentRef[] | undefined {
  const path = fieldPath(parent, key);
  const { present, items } = v.array(obj, key, parent, { required, min: 0, max: MAX_DOCUMENT_REFS });
  const documents: DocumentRef[] = [];
  items.forEach((item, i) => {
    const at = itemPath(path, i);
    if (!isJsonObject(item)) {
      v.error(at, `must be an object, got ${jsonType(item)}`);
      return;
    }
    documents.push({
      type: v.reqEnum(item, 'type', at, DOCUMENT_TYPES),
      ref: v.reqString(item, 'ref', at, MAX_LENGTH.code),
    });
  });
  return present || required ? documents : undefined;
}

export function optSeals(v: Validator, obj: JsonObject, parent: string): string[] | undefined {
  const path = fieldPath(parent, 'seals');
  const { present, items } = v.array(obj, 'seals', parent, { required: false, min: 0, max: MAX_SEALS });
  if (!present) {
    return undefined;
  }
  return items.map((item, i) => v.stringValue(item, itemPath(path, i), MAX_LENGTH.code) ?? '');
}

/** isoSizeType, emptyIndicator and seals, as far as they are given. */
export function readEquipmentDetails(v: Validator, obj: JsonObject, parent: string) {
  const isoSizeType = v.optString(obj, 'isoSizeType', parent, 20, ISO_SIZE_TYPE);
  const emptyIndicator = v.optEnum(obj, 'emptyIndicator', parent, EMPTY_INDICATORS);
  const seals = optSeals(v, obj, parent);
  return {
    ...(isoSizeType === undefined ? {} : { isoSizeType }),
    ...(emptyIndicator === undefined ? {} : { emptyIndicator }),
    ...(seals === undefined ? {} : { seals }),
  };
}

/** Records every container number that appears more than once in one document. */
export function checkNoDuplicateContainers(v: Validator, entries: readonly { containerNo: string; path: string }[]) {
  const firstSeen = new Map<string, string>();
  for (const { containerNo, path } of entries) {
    if (containerNo === '') {
      continue;
    }
    const first = firstSeen.get(containerNo);
    if (first === undefined) {
      firstSeen.set(containerNo, path);
    } else {
      v.error(path, `${containerNo} is listed more than once (first at ${first})`);
    }
  }
}

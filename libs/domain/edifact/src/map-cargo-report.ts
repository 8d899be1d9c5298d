import type { RawManifest, RawManifestLine } from '@mmt/contracts';
import {
  codeIn,
  MANIFEST_STATUS_CODES,
  MESSAGE_FUNCTION_CODES,
  PARTY_ROLE_QUALIFIERS,
  PLACE_QUALIFIERS,
  REFERENCE_QUALIFIERS_USED,
  TIME_QUALIFIERS,
  TRANSPORT_STAGE_QUALIFIERS,
} from './codes';
import type { Findings } from './findings';
import { headOf, RAW_TOPIC_OF, type Mapped, type MessageContext } from './mapped';
import { component, type Segment } from './segments';
import {
  containerOf,
  conveyanceOf,
  documentsOf,
  emptyIndicatorOf,
  following,
  groupsOf,
  isoSizeTypeOf,
  partyOf,
  placeOf,
  qualified,
  sealsOf,
  timeOf,
} from './values';

/** BGM message function (1225) → the manifest's status when no GIS gives one: 9 original, 5 replace. */
const STATUS_OF_FUNCTION: Readonly<Record<string, RawManifest['status']>> = {
  [MESSAGE_FUNCTION_CODES.original]: 'FILED',
  [MESSAGE_FUNCTION_CODES.replace]: 'AMENDED',
};

/**
 * CUSCAR, the cargo report to customs in the port EDI centre's manifest form → one RawManifest. BGM+785 the
 * document number and function; RFF+AFB the manifest number (else the document number); GIS+code:ZZZ:ZZZ the status
 * customs gave it, when the centre reports one (agreed codes, 7365 being an..3: FIL filed, ACC accepted, AMD amended,
 * REL released, HLD held); DTM+182 when the manifest took that status; TDT+20 the conveyance; LOC+9 and LOC+11 the
 * places of loading and discharge; NAD+CA the carrier; one EQD group per container. A cancellation (BGM function 1)
 * is refused: a manifest's GIS status says what customs did with it.
 */
export function mapCargoReport(context: MessageContext, findings: Findings): Mapped[] {
  const head = headOf(context, findings);
  const segments = context.message.segments.slice(1, -1);
  const last = context.message.segments[context.message.segments.length - 1];
  const { head: top, groups } = groupsOf(segments, 'EQD');
  if (head.cancellation && head.bgm !== undefined) {
    findings.add(head.bgm, 'INVALID', 'a cancellation (1) of a manifest is not read: send its status in GIS', 3);
    return [];
  }
  const status = statusOf(top, head.bgm, findings);
  const dtm = qualified(top, 'DTM', TIME_QUALIFIERS.issue);
  const tdt = qualified(top, 'TDT', TRANSPORT_STAGE_QUALIFIERS.mainCarriage);
  const loading = qualified(top, 'LOC', PLACE_QUALIFIERS.loading);
  const discharge = qualified(top, 'LOC', PLACE_QUALIFIERS.discharge);
  const carrier = qualified(top, 'NAD', PARTY_ROLE_QUALIFIERS.carrier);
  const afb = qualified(top, 'RFF', REFERENCE_QUALIFIERS_USED.manifestNumber);
  const manifestNo = afb === undefined ? head.documentNo : component(afb, 1, 2);
  const required = {
    [`DTM+${TIME_QUALIFIERS.issue}`]: dtm,
    [`TDT+${TRANSPORT_STAGE_QUALIFIERS.mainCarriage}`]: tdt,
    [`LOC+${PLACE_QUALIFIERS.loading}`]: loading,
    [`LOC+${PLACE_QUALIFIERS.discharge}`]: discharge,
    [`NAD+${PARTY_ROLE_QUALIFIERS.carrier}`]: carrier,
  };
  for (const [what, segment] of Object.entries(required)) {
    if (segment === undefined) {
      findings.missing(last, what);
    }
  }
  if (groups.length === 0) {
    findings.missing(last, 'EQD');
  }
  const eventTime = dtm === undefined ? undefined : timeOf(dtm, findings);
  const conveyance =
    tdt === undefined ? undefined : conveyanceOf(tdt, following(top, tdt, ['TDT', 'LOC', 'NAD']), findings);
  const placeOfLoading = loading === undefined ? undefined : placeOf(loading, findings);
  const placeOfDischarge = discharge === undefined ? undefined : placeOf(discharge, findings);
  const containers = groups.map((group) => lineOf(group, findings));
  if (
    head.envelope === undefined ||
    status === undefined ||
    eventTime === undefined ||
    conveyance === undefined ||
    placeOfLoading === undefined ||
    placeOfDischarge === undefined ||
    carrier === undefined ||
    containers.length === 0 ||
    containers.some((line) => line === undefined)
  ) {
    return [];
  }
  const message: RawManifest = {
    ...head.envelope(''),
    kind: 'MANIFEST',
    manifestNo,
    status,
    eventTime,
    conveyance,
    placeOfLoading,
    placeOfDischarge,
    carrier: partyOf(carrier),
    containers: containers as RawManifestLine[],
  };
  return [{ topic: RAW_TOPIC_OF.MANIFEST, key: manifestNo, message }];
}

function statusOf(top: Segment[], bgm: Segment | undefined, findings: Findings): RawManifest['status'] | undefined {
  const gis = top.find((s) => s.tag === 'GIS');
  if (gis !== undefined) {
    const code = component(gis, 1, 1);
    const status = codeIn(MANIFEST_STATUS_CODES, code);
    if (status === undefined) {
      const codes = Object.entries(MANIFEST_STATUS_CODES).map(([c, s]) => `${c} ${s}`);
      findings.add(gis, 'INVALID', `manifest status "${code}" is not one of ${codes.join(', ')}`, 1);
    }
    return status;
  }
  if (bgm === undefined) {
    return undefined;
  }
  const status = codeIn(STATUS_OF_FUNCTION, component(bgm, 3, 1));
  if (status === undefined) {
    findings.add(bgm, 'INVALID', `message function "${component(bgm, 3, 1)}" is not 9 (original) or 5 (replace)`, 3);
  }
  return status;
}

function lineOf(group: Segment[], findings: Findings): RawManifestLine | undefined {
  const [eqd] = group;
  const containerNo = containerOf(eqd, findings);
  if (containerNo === undefined) {
    return undefined;
  }
  const isoSizeType = isoSizeTypeOf(eqd);
  const emptyIndicator = emptyIndicatorOf(eqd);
  const seals = sealsOf(group);
  return {
    containerNo,
    documents: documentsOf(group),
    ...(isoSizeType === undefined ? {} : { isoSizeType }),
    ...(emptyIndicator === undefined ? {} : { emptyIndicator }),
    ...(seals.length === 0 ? {} : { seals }),
  };
}

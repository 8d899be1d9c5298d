import { MANIFEST_STATUSES, type RawManifest, type RawManifestLine } from '@mmt/contracts';
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

/** BGM message function (1225) → the manifest's status when no GIS gives one: 9 original, 5 replacement. */
const STATUS_OF_FUNCTION: Readonly<Record<string, RawManifest['status']>> = { '9': 'FILED', '5': 'AMENDED' };

/**
 * CUSCAR, the cargo report to customs in the port EDI centre's manifest form → one RawManifest. BGM+785 the
 * document number and function; RFF+ZMF the manifest number (else the document number); GIS+status:ZZZ (FILED, ACCEPTED, AMENDED, RELEASED, HELD) the status customs
 * gave it, when the centre reports one; DTM+182 when the manifest took that status; TDT+20 the conveyance;
 * LOC+9 and LOC+11 the places of loading and discharge; NAD+CA the carrier; one EQD group per container.
 */
export function mapCargoReport(context: MessageContext, findings: Findings): Mapped[] {
  const head = headOf(context, findings);
  const segments = context.message.segments.slice(1, -1);
  const last = context.message.segments[context.message.segments.length - 1];
  const { head: top, groups } = groupsOf(segments, 'EQD');
  const status = statusOf(top, head.bgm, findings);
  const dtm = qualified(top, 'DTM', '182');
  const tdt = qualified(top, 'TDT', '20');
  const loading = qualified(top, 'LOC', '9');
  const discharge = qualified(top, 'LOC', '11');
  const carrier = qualified(top, 'NAD', 'CA');
  const zmf = qualified(top, 'RFF', 'ZMF');
  const manifestNo = zmf === undefined ? head.documentNo : component(zmf, 1, 2);
  const required = { 'DTM+182': dtm, 'TDT+20': tdt, 'LOC+9': loading, 'LOC+11': discharge, 'NAD+CA': carrier };
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
    const code = component(gis, 1, 1) as RawManifest['status'];
    if (MANIFEST_STATUSES.includes(code)) {
      return code;
    }
    findings.add(gis, 'INVALID', `manifest status "${code}" is not one of ${MANIFEST_STATUSES.join(', ')}`, 1);
    return undefined;
  }
  if (bgm === undefined) {
    return undefined;
  }
  const status = STATUS_OF_FUNCTION[component(bgm, 3, 1)];
  if (status === undefined) {
    findings.add(
      bgm,
      'INVALID',
      `message function "${component(bgm, 3, 1)}" is not 9 (original) or 5 (replacement)`,
      3,
    );
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

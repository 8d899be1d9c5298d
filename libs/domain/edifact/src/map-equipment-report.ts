import type { RawLoading } from '@mmt/contracts';
import {
  codeIn,
  codesOf,
  documentCodesOf,
  MOVE_CODES,
  MOVE_PLACE_QUALIFIERS,
  PLACE_QUALIFIERS,
  type EquipmentMove,
  type MoveCodes,
} from './codes';
import type { Findings } from './findings';
import { headOf, RAW_TOPIC_OF, type Mapped, type MessageContext, type MessageMapper } from './mapped';
import type { Segment } from './segments';
import {
  containerOf,
  conveyanceOf,
  documentsOf,
  emptyIndicatorOf,
  following,
  groupsOf,
  isoSizeTypeOf,
  placeOf,
  qualified,
  sealsOf,
  timeOf,
} from './values';

/** How one container report message reads: its document codes, the DTM of the move, the LOCs of its place. */
interface EquipmentReportProfile {
  readonly message: MoveCodes['message'];
  /** BGM document name code (1001) → the operation on every container in the message. */
  readonly operations: Readonly<Record<string, EquipmentMove>>;
  /** DTM qualifiers (2005) of the move's time, in the container's group or else the message's head. */
  readonly timeQualifiers: (operation: EquipmentMove) => readonly string[];
  /** LOC qualifiers (3227) of the place of the move, in order of preference, for each operation. */
  readonly placeQualifiers: (operation: EquipmentMove) => readonly string[];
}

/**
 * COARRI, either profile (codes.ts MOVE_CODES): BGM 46 / 122 loading report, 98 / 119 discharge report (SMDG D.95B /
 * UNTDID); DTM+203 execution date/time (SMDG) or DTM+404 / 403 loading / discharge date/time, actual; LOC+165 (SMDG)
 * or 175 the place of the move, else 9 place of loading / 11 place of discharge.
 */
export const COARRI: EquipmentReportProfile = {
  message: 'COARRI',
  operations: documentCodesOf('COARRI'),
  timeQualifiers: (operation) => codesOf(MOVE_CODES[operation].time),
  placeQualifiers: (operation) => [
    ...codesOf(MOVE_PLACE_QUALIFIERS),
    operation === 'LOAD' ? PLACE_QUALIFIERS.loading : PLACE_QUALIFIERS.discharge,
  ],
};

/**
 * CODECO, either profile: BGM 34 / 109 gate-in, 36 / 111 gate-out report (SMDG D.95B / UNTDID); DTM+7 effective
 * date/time of the move; LOC+165 (SMDG) or 175 the gate.
 */
export const CODECO: EquipmentReportProfile = {
  message: 'CODECO',
  operations: documentCodesOf('CODECO'),
  timeQualifiers: (operation) => codesOf(MOVE_CODES[operation].time),
  placeQualifiers: () => codesOf(MOVE_PLACE_QUALIFIERS),
};

/** The first segment with this tag and one of these qualifiers, by the qualifiers' order. */
const firstQualified = (segments: readonly Segment[], tag: string, qualifiers: readonly string[]) =>
  qualifiers.map((q) => qualified(segments, tag, q)).find((s) => s !== undefined);

/**
 * A container report (COARRI or CODECO) → one RawLoading per EQD group. The conveyance (TDT), place (LOC) and time
 * (DTM) come from the container's group, or else from the message's head; documents (RFF), seals (SEL), size and
 * type and full/empty (EQD) from the group.
 */
export function equipmentReportMapper(profile: EquipmentReportProfile): MessageMapper {
  return (context: MessageContext, findings: Findings): Mapped[] => {
    const head = headOf(context, findings);
    const segments = context.message.segments.slice(1, -1);
    const { head: top, groups } = groupsOf(segments, 'EQD');
    const operation = codeIn(profile.operations, head.documentCode);
    if (head.bgm !== undefined && operation === undefined) {
      const codes = Object.entries(MOVE_CODES)
        .filter(([, move]) => move.message === profile.message)
        .map(([move, { document }]) => `${codesOf(document).join(' / ')} ${move}`);
      const expected = `${codes.join(', ')} (SMDG D.95B / UNTDID)`;
      findings.add(head.bgm, 'INVALID', `document code ${head.documentCode} is not one of ${expected}`, 1);
    }
    if (groups.length === 0) {
      findings.missing(context.message.segments[context.message.segments.length - 1], 'EQD');
    }
    if (operation === undefined) {
      return [];
    }
    return groups.flatMap((group) => {
      const loading = loadingOf(group, top, operation, profile, findings);
      if (loading === undefined || head.envelope === undefined) {
        return [];
      }
      const message: RawLoading = { ...head.envelope(''), ...loading };
      return [{ topic: RAW_TOPIC_OF.LOADING, key: loading.containerNo, message }];
    });
  };
}

type LoadingBody = Omit<RawLoading, 'messageId' | 'source' | 'sentAt'>;

function loadingOf(
  group: Segment[],
  top: Segment[],
  operation: EquipmentMove,
  profile: EquipmentReportProfile,
  findings: Findings,
): LoadingBody | undefined {
  const [eqd] = group;
  const containerNo = containerOf(eqd, findings);
  const timeQualifiers = profile.timeQualifiers(operation);
  const dtm = firstQualified(group, 'DTM', timeQualifiers) ?? firstQualified(top, 'DTM', timeQualifiers);
  const loc = profile
    .placeQualifiers(operation)
    .map((q) => qualified(group, 'LOC', q) ?? qualified(top, 'LOC', q))
    .find((s) => s !== undefined);
  const tdt = group.find((s) => s.tag === 'TDT') ?? top.find((s) => s.tag === 'TDT');
  if (dtm === undefined) {
    findings.add(eqd, 'MISSING', `no DTM+${timeQualifiers.join('/')} (time of the move)`);
  }
  if (loc === undefined) {
    findings.add(eqd, 'MISSING', `no LOC+${profile.placeQualifiers(operation).join('/')}`);
  }
  const eventTime = dtm === undefined ? undefined : timeOf(dtm, findings);
  const location = loc === undefined ? undefined : placeOf(loc, findings);
  const scope = tdt !== undefined && group.includes(tdt) ? group : top;
  const conveyance =
    tdt === undefined ? undefined : conveyanceOf(tdt, following(scope, tdt, ['TDT', 'LOC', 'EQD', 'NAD']), findings);
  if (containerNo === undefined || eventTime === undefined || location === undefined) {
    return undefined;
  }
  if (tdt !== undefined && conveyance === undefined) {
    return undefined;
  }
  const documents = documentsOf(group);
  const seals = sealsOf(group);
  const isoSizeType = isoSizeTypeOf(eqd);
  const emptyIndicator = emptyIndicatorOf(eqd);
  return {
    kind: 'LOADING',
    containerNo,
    operation,
    classifier: 'ACT',
    eventTime,
    location,
    ...(conveyance === undefined ? {} : { conveyance }),
    ...(documents.length === 0 ? {} : { documents }),
    ...(emptyIndicator === undefined ? {} : { emptyIndicator }),
    ...(isoSizeType === undefined ? {} : { isoSizeType }),
    ...(seals.length === 0 ? {} : { seals }),
  };
}

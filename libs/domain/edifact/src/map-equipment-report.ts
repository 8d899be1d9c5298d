import type { LoadingOperation, RawLoading } from '@mmt/contracts';
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
  /** BGM document name code (1001) → the operation on every container in the message. */
  readonly operations: Readonly<Record<string, LoadingOperation>>;
  /** DTM qualifier (2005) of the move's time, in the container's group or else the message's head. */
  readonly timeQualifier: string;
  /** LOC qualifiers (3227) of the place of the move, in order of preference, for each operation. */
  readonly placeQualifiers: (operation: LoadingOperation) => readonly string[];
}

/** COARRI (SMDG): BGM 98 discharge report, 46 loading report; DTM+203 execution time; LOC+165, else 9 / 11. */
export const COARRI: EquipmentReportProfile = {
  operations: { '98': 'DISCHARGE', '46': 'LOAD' },
  timeQualifier: '203',
  placeQualifiers: (operation) => ['165', operation === 'LOAD' ? '9' : '11'],
};

/** CODECO (SMDG): BGM 34 gate-in report, 36 gate-out report; DTM+7 time of the gate move; LOC+165 the gate. */
export const CODECO: EquipmentReportProfile = {
  operations: { '34': 'GATE_IN', '36': 'GATE_OUT' },
  timeQualifier: '7',
  placeQualifiers: () => ['165'],
};

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
    const operation = profile.operations[head.documentCode];
    if (head.bgm !== undefined && operation === undefined) {
      const codes = Object.entries(profile.operations).map(([code, op]) => `${code} ${op}`);
      findings.add(head.bgm, 'INVALID', `document code ${head.documentCode} is not one of ${codes.join(', ')}`, 1);
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
  operation: LoadingOperation,
  profile: EquipmentReportProfile,
  findings: Findings,
): LoadingBody | undefined {
  const [eqd] = group;
  const containerNo = containerOf(eqd, findings);
  const dtm = qualified(group, 'DTM', profile.timeQualifier) ?? qualified(top, 'DTM', profile.timeQualifier);
  const loc = profile
    .placeQualifiers(operation)
    .map((q) => qualified(group, 'LOC', q) ?? qualified(top, 'LOC', q))
    .find((s) => s !== undefined);
  const tdt = group.find((s) => s.tag === 'TDT') ?? top.find((s) => s.tag === 'TDT');
  if (dtm === undefined) {
    findings.add(eqd, 'MISSING', `no DTM+${profile.timeQualifier} (time of the move)`);
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

import type { LoadingOperation, RawInTransit, RawLoading } from '@mmt/contracts';
import { conveyanceKey } from '@mmt/contracts';
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

/**
 * IFTSTA status codes (STS, 9011, agency ZZZ as agreed with the port EDI centre) that are movements of a train,
 * vessel or barge: one RawInTransit per container named (EQD), or one for the conveyance when none is named.
 */
export const IN_TRANSIT_STATUS_CODES: Readonly<Record<string, RawInTransit['status']>> = {
  DEP: 'DEPARTED',
  ARR: 'ARRIVED',
  PAS: 'PASSED',
  TRF: 'TRANSFERRED',
};

/** IFTSTA status codes that are handling or customs events of a container: one RawLoading per container named. */
export const CONTAINER_STATUS_CODES: Readonly<Record<string, LoadingOperation>> = {
  GCT: 'TRANSFER',
  STF: 'STUFFING',
  STR: 'STRIPPING',
  CSE: 'CUSTOMS_SELECTED',
  CIN: 'CUSTOMS_INSPECTED',
  CRL: 'CUSTOMS_RELEASED',
  INS: 'INSPECTION',
  CDC: 'CUSTOMS_DECLARED',
};

/**
 * IFTSTA → one status event per STS group. In the group: LOC+175 where, DTM+334 the actual time (or else DTM+132
 * estimated arrival / DTM+133 estimated departure: an estimate), with an actual time a DTM+132 and LOC+8 are the
 * source's estimated arrival at the next place; TDT+20 the conveyance, TDT+30 the next train of a TRF; EQD the
 * containers; RFF documents, SEL seals, NAD+CB and RFF+ABT the customs broker and declaration of a CDC.
 */
export function mapStatusReport(context: MessageContext, findings: Findings): Mapped[] {
  const head = headOf(context, findings);
  const { groups } = groupsOf(context.message.segments.slice(1, -1), 'STS');
  if (groups.length === 0) {
    findings.missing(context.message.segments[context.message.segments.length - 1], 'STS');
  }
  return groups.flatMap((group, i) => {
    const status = statusOf(group, findings);
    if (status === undefined || head.envelope === undefined) {
      return [];
    }
    const envelope = head.envelope;
    const suffix = groups.length === 1 ? '' : String(i + 1);
    if (status.containers.length === 0) {
      if (status.kind === 'LOADING' || status.body.conveyance === undefined) {
        findings.add(
          group[0],
          'MISSING',
          status.kind === 'LOADING' ? 'no EQD (container) for a container status' : 'no EQD and no TDT',
        );
        return [];
      }
      const message: RawInTransit = { ...envelope(suffix), ...status.body };
      return [{ topic: RAW_TOPIC_OF.IN_TRANSIT, key: conveyanceKey(status.body.conveyance), message }];
    }
    return status.containers.map((containerNo, j): Mapped => {
      if (status.kind === 'LOADING') {
        const eqd = status.equipment[j];
        const isoSizeType = isoSizeTypeOf(eqd);
        const emptyIndicator = emptyIndicatorOf(eqd);
        const message: RawLoading = {
          ...envelope(suffix),
          ...status.body,
          containerNo,
          ...(emptyIndicator === undefined ? {} : { emptyIndicator }),
          ...(isoSizeType === undefined ? {} : { isoSizeType }),
        };
        return { topic: RAW_TOPIC_OF.LOADING, key: containerNo, message };
      }
      const message: RawInTransit = { ...envelope(suffix), ...status.body, containerNo };
      return { topic: RAW_TOPIC_OF.IN_TRANSIT, key: containerNo, message };
    });
  });
}

type Body<T> = Omit<T, 'messageId' | 'source' | 'sentAt' | 'containerNo'>;
type Status =
  | { kind: 'IN_TRANSIT'; body: Body<RawInTransit>; containers: string[]; equipment: Segment[] }
  | { kind: 'LOADING'; body: Body<RawLoading>; containers: string[]; equipment: Segment[] };

function statusOf(group: Segment[], findings: Findings): Status | undefined {
  const [sts] = group;
  const code = component(sts, 2, 1);
  const movement = IN_TRANSIT_STATUS_CODES[code];
  const operation = CONTAINER_STATUS_CODES[code];
  if (movement === undefined && operation === undefined) {
    const known = [...Object.keys(IN_TRANSIT_STATUS_CODES), ...Object.keys(CONTAINER_STATUS_CODES)];
    findings.add(sts, 'INVALID', `status code "${code}" is not one of ${known.join(', ')}`, 2);
    return undefined;
  }
  const eqds = group.filter((s) => s.tag === 'EQD');
  const containers = eqds.map((eqd) => containerOf(eqd, findings));
  // The status's own times: not the DTMs that belong to a TDT (a train's departure date).
  const ofConveyances = new Set(
    group.filter((s) => s.tag === 'TDT').flatMap((tdt) => following(group, tdt, ['TDT', 'LOC', 'EQD', 'NAD', 'RFF'])),
  );
  const own = group.filter((s) => !ofConveyances.has(s));
  const loc = qualified(group, 'LOC', '175');
  const actual = qualified(own, 'DTM', '334');
  const estimate = qualified(own, 'DTM', code === 'DEP' ? '133' : '132');
  const when = actual ?? estimate;
  if (loc === undefined) {
    findings.add(sts, 'MISSING', 'no LOC+175 (where)');
  }
  if (when === undefined) {
    findings.add(sts, 'MISSING', 'no DTM+334 (actual) or estimated time');
  }
  const location = loc === undefined ? undefined : placeOf(loc, findings);
  const eventTime = when === undefined ? undefined : timeOf(when, findings);
  const conveyance = conveyanceIn(group, '20', findings);
  const toConveyance = conveyanceIn(group, '30', findings);
  const next = actual === undefined ? undefined : nextArrivalOf(own, findings);
  if (location === undefined || eventTime === undefined || containers.some((c) => c === undefined)) {
    return undefined;
  }
  if (conveyance === null || toConveyance === null || next === null) {
    return undefined;
  }
  const classifier = actual === undefined ? ('EST' as const) : ('ACT' as const);
  const named = containers as string[];
  if (operation !== undefined) {
    const documents = documentsOf(group);
    const seals = sealsOf(group);
    const broker = qualified(group, 'NAD', 'CB');
    const declaration = qualified(group, 'RFF', 'ABT');
    if (operation === 'CUSTOMS_DECLARED' && broker === undefined) {
      findings.add(sts, 'MISSING', 'a CDC (customs declared) needs NAD+CB, the customs broker');
      return undefined;
    }
    const body: Body<RawLoading> = {
      kind: 'LOADING',
      operation,
      classifier,
      eventTime,
      location,
      ...(conveyance === undefined ? {} : { conveyance }),
      ...(documents.length === 0 ? {} : { documents }),
      ...(seals.length === 0 ? {} : { seals }),
      ...(broker === undefined ? {} : { customsBroker: partyOf(broker) }),
      ...(declaration === undefined ? {} : { declarationNo: component(declaration, 1, 2) }),
    };
    return { kind: 'LOADING', body, containers: named, equipment: eqds };
  }
  const body: Body<RawInTransit> = {
    kind: 'IN_TRANSIT',
    status: movement,
    classifier,
    eventTime,
    location,
    ...(conveyance === undefined ? {} : { conveyance }),
    ...(toConveyance === undefined ? {} : { toConveyance }),
    ...(next === undefined ? {} : { estimatedArrival: next }),
  };
  return { kind: 'IN_TRANSIT', body, containers: named, equipment: eqds };
}

/** The conveyance of the group's TDT with this qualifier: undefined when there is none, null when it is wrong. */
function conveyanceIn(group: Segment[], qualifier: string, findings: Findings) {
  const tdt = qualified(group, 'TDT', qualifier);
  if (tdt === undefined) {
    return undefined;
  }
  return conveyanceOf(tdt, following(group, tdt, ['TDT', 'LOC', 'EQD', 'NAD']), findings) ?? null;
}

/** With an actual time, DTM+132 and LOC+8: the source's estimated arrival at the next place (null when wrong). */
function nextArrivalOf(group: Segment[], findings: Findings) {
  const dtm = qualified(group, 'DTM', '132');
  const loc = qualified(group, 'LOC', '8');
  if (dtm === undefined || loc === undefined) {
    return undefined;
  }
  const time = timeOf(dtm, findings);
  const location = placeOf(loc, findings);
  return time === undefined || location === undefined ? null : { location, time };
}

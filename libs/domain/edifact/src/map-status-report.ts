import type { RawInTransit, RawLoading } from '@mmt/contracts';
import { conveyanceKey } from '@mmt/contracts';
import {
  AGREED_STATUS_CODES,
  MUTUALLY_DEFINED,
  PARTY_ROLE_QUALIFIERS,
  PLACE_QUALIFIERS,
  RECOMMENDATION_24_STATUS_CODES,
  REFERENCE_QUALIFIERS_USED,
  statusMeaningOf,
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

/**
 * IFTSTA → one status event per STS group. The status (STS C555 4405) is a UN/ECE Recommendation 24 code, or an
 * agreed code with agency ZZZ (codes.ts): a movement of a train, vessel or barge becomes one RawInTransit per
 * container named (EQD), or one for the conveyance when none is named; a handling or customs event, one RawLoading
 * per container named. In the group: LOC+175 where, DTM+334 the actual time (or else DTM+132 estimated arrival /
 * DTM+133 estimated departure: an estimate), with an actual time a DTM+132 and LOC+8 are the source's estimated
 * arrival at the next place; TDT+20 the conveyance, TDT+30 the next train of a transshipment; EQD the containers;
 * RFF documents, SEL seals, NAD+CB and RFF+ABT the customs broker and declaration of a customs declaration.
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
  const agency = component(sts, 2, 3);
  const meaning = statusMeaningOf(code, agency);
  if (meaning === undefined) {
    const standard = Object.keys(RECOMMENDATION_24_STATUS_CODES).join(', ');
    const agreed = Object.keys(AGREED_STATUS_CODES).join(', ');
    const sent = agency === '' ? `"${code}"` : `"${code}" (agency ${agency})`;
    const expected = `${standard} (UN/ECE Recommendation 24) or ${agreed} (agency ${MUTUALLY_DEFINED})`;
    findings.add(sts, 'INVALID', `status code ${sent} is not one of ${expected}`, 2);
    return undefined;
  }
  const movement = meaning.kind === 'IN_TRANSIT' ? meaning.status : undefined;
  const eqds = group.filter((s) => s.tag === 'EQD');
  const containers = eqds.map((eqd) => containerOf(eqd, findings));
  // The status's own times: not the DTMs that belong to a TDT (a train's departure date).
  const ofConveyances = new Set(
    group.filter((s) => s.tag === 'TDT').flatMap((tdt) => following(group, tdt, ['TDT', 'LOC', 'EQD', 'NAD', 'RFF'])),
  );
  const own = group.filter((s) => !ofConveyances.has(s));
  const loc = qualified(group, 'LOC', PLACE_QUALIFIERS.activity);
  const actual = qualified(own, 'DTM', TIME_QUALIFIERS.statusChange);
  const estimate = qualified(
    own,
    'DTM',
    movement === 'DEPARTED' ? TIME_QUALIFIERS.estimatedDeparture : TIME_QUALIFIERS.estimatedArrival,
  );
  const when = actual ?? estimate;
  if (loc === undefined) {
    findings.add(sts, 'MISSING', 'no LOC+175 (where)');
  }
  if (when === undefined) {
    findings.add(sts, 'MISSING', 'no DTM+334 (actual) or estimated time');
  }
  const location = loc === undefined ? undefined : placeOf(loc, findings);
  const eventTime = when === undefined ? undefined : timeOf(when, findings);
  const conveyance = conveyanceIn(group, TRANSPORT_STAGE_QUALIFIERS.mainCarriage, findings);
  const toConveyance = conveyanceIn(group, TRANSPORT_STAGE_QUALIFIERS.onCarriage, findings);
  const next = actual === undefined ? undefined : nextArrivalOf(own, findings);
  if (location === undefined || eventTime === undefined || containers.some((c) => c === undefined)) {
    return undefined;
  }
  if (conveyance === null || toConveyance === null || next === null) {
    return undefined;
  }
  const classifier = actual === undefined ? ('EST' as const) : ('ACT' as const);
  const named = containers as string[];
  if (meaning.kind === 'LOADING') {
    const { operation } = meaning;
    const documents = documentsOf(group);
    const seals = sealsOf(group);
    const broker = qualified(group, 'NAD', PARTY_ROLE_QUALIFIERS.customsBroker);
    const declaration = qualified(group, 'RFF', REFERENCE_QUALIFIERS_USED.customsDeclaration);
    if (operation === 'CUSTOMS_DECLARED' && broker === undefined) {
      findings.add(sts, 'MISSING', 'a customs declaration (CDC) needs NAD+CB, the customs broker');
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
    status: meaning.status,
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
  const dtm = qualified(group, 'DTM', TIME_QUALIFIERS.estimatedArrival);
  const loc = qualified(group, 'LOC', PLACE_QUALIFIERS.destination);
  if (dtm === undefined || loc === undefined) {
    return undefined;
  }
  const time = timeOf(dtm, findings);
  const location = placeOf(loc, findings);
  return time === undefined || location === undefined ? null : { location, time };
}

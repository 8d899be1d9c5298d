import { createHash } from 'node:crypto';
import {
  TOPICS,
  type Conveyance,
  type DocumentRef,
  type Place,
  type RawInTransit,
  type RawLoading,
  type RawManifest,
  type RawMessage,
  type SourceSystem,
} from '@mmt/contracts';
import {
  AGENCIES_WRITTEN,
  CARGO_REPORT_DOCUMENT_CODE,
  codeIn,
  CODE_LIST_QUALIFIERS_WRITTEN,
  CONTAINER_EQUIPMENT,
  d95bCodeOf,
  DATE_FORMAT,
  DOCUMENT_QUALIFIERS,
  EDI_SENDERS,
  FULL_EMPTY_CODES,
  MANIFEST_STATUS_CODES,
  MESSAGE_FUNCTION_CODES,
  MOVE_CODES,
  MOVE_PLACE_QUALIFIERS,
  MUTUALLY_DEFINED,
  PARTY_ROLE_QUALIFIERS,
  PLACE_QUALIFIERS,
  PLATFORM_EDI_ID,
  REFERENCE_QUALIFIERS_USED,
  SEALING_PARTY_CARRIER,
  STATUS_CATEGORY_TRANSPORT,
  STATUS_REPORT_DOCUMENT_CODE,
  statusCodeOf,
  TIME_QUALIFIERS,
  TRANSPORT_MODE_CODES,
  TRANSPORT_STAGE_QUALIFIERS,
  writeSegments,
  type SegmentToWrite,
  type StatusMeaning,
} from '@mmt/edifact';
import type { FeedMessage, SimulatedMessage } from './types';

/**
 * The simulated traffic as the port EDI centres would send it: each loading, in-transit and manifest message as
 * one UN/EDIFACT interchange (UNOW, syntax version 4) on `raw.edifact.v1`, which the edi service maps back to the
 * same raw message (see docs/edi.md). COARRI, CODECO and CUSCAR name D:95B in UNH and carry the codes a D.95B message
 * has: the SMDG guides' (BGM 46, 98, 34, 36, DTM+203, LOC+165) and D.95B's own. IFTSTA names D:00B: its status place
 * (LOC+175) and codes are later UNTDID ones. Waybills and schedules have no EDIFACT form here and stay JSON, as do the
 * invalid messages (their defects are JSON ones) and the few messages no mapping carries (a planned in-transit
 * report, a gauge). A duplicate (same bytes) becomes the same interchange, control reference included.
 */
export function asEdifact(messages: readonly SimulatedMessage[]): FeedMessage[] {
  return messages.map((simulated): FeedMessage => {
    if (!simulated.valid) {
      return simulated;
    }
    const message = JSON.parse(simulated.value.toString('utf8')) as RawMessage;
    const segments = messageSegments(message);
    if (segments === undefined) {
      return simulated;
    }
    const ref = createHash('sha256').update(simulated.value).digest('hex').slice(0, 14).toUpperCase();
    return {
      ...simulated,
      topic: TOPICS.rawEdifact,
      key: SENDER_OF[message.source],
      value: interchangeOf(message, ref, segments),
    };
  });
}

const SENDER_OF = Object.fromEntries(Object.entries(EDI_SENDERS).map(([id, source]) => [source, id])) as Record<
  SourceSystem,
  string
>;

/** A message's type, the directory its UNH names (D.95B or D.00B) and its segments between UNH and UNT. */
interface MessageBody {
  readonly type: 'COARRI' | 'CODECO' | 'IFTSTA' | 'CUSCAR';
  readonly release: '95B' | '00B';
  readonly segments: SegmentToWrite[];
}

/** UNB…UNZ around one message: sender by source, the message's sentAt as the date and time of preparation. */
function interchangeOf(message: RawMessage, ref: string, body: MessageBody): Buffer {
  const at = message.sentAt.replace(/[-:T]/g, '');
  const segments: SegmentToWrite[] = [
    {
      tag: 'UNB',
      elements: [
        ['UNOW', '4'],
        [SENDER_OF[message.source]],
        [PLATFORM_EDI_ID],
        [at.slice(2, 8), at.slice(8, 12)],
        [ref],
      ],
    },
    { tag: 'UNH', elements: [['1'], [body.type, 'D', body.release, 'UN']] },
    ...body.segments,
    { tag: 'UNT', elements: [[String(body.segments.length + 2)], ['1']] },
    { tag: 'UNZ', elements: [['1'], [ref]] },
  ];
  return Buffer.from(writeSegments(segments), 'utf8');
}

function messageSegments(message: RawMessage): MessageBody | undefined {
  switch (message.kind) {
    case 'LOADING':
      return loadingSegments(message);
    case 'IN_TRANSIT':
      return inTransitSegments(message);
    case 'MANIFEST':
      return { type: 'CUSCAR', release: '95B', segments: manifestSegments(message) };
    case 'WAYBILL':
    case 'SCHEDULE':
      return undefined;
  }
}

const codeOf = <T extends string>(table: Readonly<Record<string, T>>, value: T) =>
  Object.entries(table).find(([, v]) => v === value)?.[0];

/** STS: status category 1 (transport), and the status code (UN/ECE Recommendation 24, or agreed with agency ZZZ). */
function statusSegment(meaning: StatusMeaning): SegmentToWrite | undefined {
  const status = statusCodeOf(meaning);
  if (status === undefined) {
    return undefined;
  }
  const code = status.agreed ? [status.code, MUTUALLY_DEFINED, MUTUALLY_DEFINED] : [status.code];
  return { tag: 'STS', elements: [[STATUS_CATEGORY_TRANSPORT], code] };
}

function loadingSegments(message: RawLoading): MessageBody | undefined {
  if ((message.classifier ?? 'ACT') !== 'ACT' || message.retractsMessageId !== undefined) {
    return undefined;
  }
  const eqd = equipment(message.containerNo, message);
  const details = [...documents(message.documents ?? []), ...seals(message.seals ?? [])];
  const { operation } = message;
  const move = codeIn(MOVE_CODES, operation);
  if (move !== undefined) {
    // The SMDG D.95B guides' codes, as the UNH's D:95B says: BGM 46/98/34/36, LOC+165, DTM+203 (COARRI) or +7.
    return {
      type: move.message,
      release: '95B',
      segments: [
        ...head(d95bCodeOf(move.document), message),
        ...(message.conveyance === undefined ? [] : transport(MAIN_CARRIAGE, message.conveyance)),
        location(d95bCodeOf(MOVE_PLACE_QUALIFIERS), message.location),
        eqd,
        ...details,
        time(d95bCodeOf(move.time), message.eventTime),
      ],
    };
  }
  const sts = statusSegment({ kind: 'LOADING', operation });
  if (sts === undefined) {
    return undefined;
  }
  const declaration = message.declarationNo;
  return {
    type: 'IFTSTA',
    release: '00B',
    segments: [
      ...head(STATUS_REPORT_DOCUMENT_CODE, message),
      sts,
      location(PLACE_QUALIFIERS.activity, message.location),
      time(TIME_QUALIFIERS.statusChange, message.eventTime),
      ...(message.customsBroker === undefined
        ? []
        : [party(PARTY_ROLE_QUALIFIERS.customsBroker, message.customsBroker)]),
      ...(declaration === undefined
        ? []
        : [{ tag: 'RFF', elements: [[REFERENCE_QUALIFIERS_USED.customsDeclaration, declaration]] }]),
      ...(message.conveyance === undefined ? [] : transport(MAIN_CARRIAGE, message.conveyance)),
      eqd,
      ...details,
    ],
  };
}

function inTransitSegments(message: RawInTransit): MessageBody | undefined {
  const sts = statusSegment({ kind: 'IN_TRANSIT', status: message.status });
  if (message.classifier === 'PLN' || message.gauge !== undefined || message.retractsMessageId !== undefined) {
    return undefined;
  }
  if (sts === undefined || (message.classifier === 'EST' && message.estimatedArrival !== undefined)) {
    return undefined;
  }
  const qualifier =
    message.classifier === 'ACT'
      ? TIME_QUALIFIERS.statusChange
      : message.status === 'DEPARTED'
        ? TIME_QUALIFIERS.estimatedDeparture
        : TIME_QUALIFIERS.estimatedArrival;
  const next = message.estimatedArrival;
  return {
    type: 'IFTSTA',
    release: '00B',
    segments: [
      ...head(STATUS_REPORT_DOCUMENT_CODE, message),
      sts,
      location(PLACE_QUALIFIERS.activity, message.location),
      time(qualifier, message.eventTime),
      ...(next === undefined
        ? []
        : [location(PLACE_QUALIFIERS.destination, next.location), time(TIME_QUALIFIERS.estimatedArrival, next.time)]),
      ...(message.conveyance === undefined ? [] : transport(MAIN_CARRIAGE, message.conveyance)),
      ...(message.toConveyance === undefined
        ? []
        : transport(TRANSPORT_STAGE_QUALIFIERS.onCarriage, message.toConveyance)),
      ...(message.containerNo === undefined
        ? []
        : [{ tag: 'EQD', elements: [[CONTAINER_EQUIPMENT], [message.containerNo]] }]),
    ],
  };
}

function manifestSegments(message: RawManifest): SegmentToWrite[] {
  return [
    ...head(CARGO_REPORT_DOCUMENT_CODE, message),
    { tag: 'RFF', elements: [[REFERENCE_QUALIFIERS_USED.manifestNumber, message.manifestNo]] },
    { tag: 'GIS', elements: [[codeOf(MANIFEST_STATUS_CODES, message.status)!, MUTUALLY_DEFINED, MUTUALLY_DEFINED]] },
    time(TIME_QUALIFIERS.issue, message.eventTime),
    ...transport(MAIN_CARRIAGE, message.conveyance),
    location(PLACE_QUALIFIERS.loading, message.placeOfLoading),
    location(PLACE_QUALIFIERS.discharge, message.placeOfDischarge),
    party(PARTY_ROLE_QUALIFIERS.carrier, message.carrier),
    ...message.containers.flatMap((line) => [
      equipment(line.containerNo, line),
      ...documents(line.documents),
      ...seals(line.seals ?? []),
    ]),
  ];
}

const MAIN_CARRIAGE = TRANSPORT_STAGE_QUALIFIERS.mainCarriage;

/** BGM with the message's id as the document number (an original, 9), and DTM+137 its sentAt. */
function head(code: string, message: RawMessage): SegmentToWrite[] {
  return [
    { tag: 'BGM', elements: [[code], [message.messageId], [MESSAGE_FUNCTION_CODES.original]] },
    time(TIME_QUALIFIERS.document, message.sentAt),
  ];
}

/** An ISO 8601 time with its offset as DTM format 303 (minutes) or 304 (seconds), e.g. 202603021430+0800. */
function time(qualifier: string, iso: string): SegmentToWrite {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?(Z|[+-]\d{2}:\d{2})$/.exec(iso);
  if (match === null) {
    throw new Error(`cannot write ${iso} as an EDIFACT time`);
  }
  const [, year, month, day, hour, minute, second, zone] = match;
  const value = `${year}${month}${day}${hour}${minute}${second ?? ''}${zone.replace(':', '')}`;
  return { tag: 'DTM', elements: [[qualifier, value, second === undefined ? '303' : '304']] };
}

function location(qualifier: string, place: Place): SegmentToWrite {
  return {
    tag: 'LOC',
    elements: [
      [qualifier],
      [place.locode, CODE_LIST_QUALIFIERS_WRITTEN.port, AGENCIES_WRITTEN.unece],
      ...(place.facility === undefined ? [] : [[place.facility, 'TER', MUTUALLY_DEFINED]]),
    ],
  };
}

function equipment(
  containerNo: string,
  details: { readonly isoSizeType?: string; readonly emptyIndicator?: 'EMPTY' | 'LADEN' },
): SegmentToWrite {
  const fullEmpty = details.emptyIndicator === undefined ? '' : codeOf(FULL_EMPTY_CODES, details.emptyIndicator)!;
  const sizeType = [details.isoSizeType ?? '', CODE_LIST_QUALIFIERS_WRITTEN.sizeType, AGENCIES_WRITTEN.iso];
  return { tag: 'EQD', elements: [[CONTAINER_EQUIPMENT], [containerNo], sizeType, [], [], [fullEmpty]] };
}

function documents(refs: readonly DocumentRef[]): SegmentToWrite[] {
  return refs.map((document) => ({
    tag: 'RFF',
    elements: [[codeOf(DOCUMENT_QUALIFIERS, document.type)!, document.ref]],
  }));
}

function seals(numbers: readonly string[]): SegmentToWrite[] {
  return numbers.map((seal) => ({ tag: 'SEL', elements: [[seal], [SEALING_PARTY_CARRIER]] }));
}

function party(role: string, value: { readonly orgId: string; readonly name: string }): SegmentToWrite {
  const id = [value.orgId, CODE_LIST_QUALIFIERS_WRITTEN.party, MUTUALLY_DEFINED];
  return { tag: 'NAD', elements: [[role], id, [], [value.name]] };
}

/** TDT (and DTM+133 with a train's departure date): a vessel by IMO number, a barge by name, a truck by plate. */
function transport(qualifier: string, conveyance: Conveyance): SegmentToWrite[] {
  const mode = [codeOf(TRANSPORT_MODE_CODES, conveyance.mode)!];
  switch (conveyance.mode) {
    case 'VESSEL': {
      const imo = [conveyance.imo, CODE_LIST_QUALIFIERS_WRITTEN.meansOfTransport, AGENCIES_WRITTEN.lloyds];
      return [{ tag: 'TDT', elements: [[qualifier], [conveyance.voyage], mode, [], [], [], [], imo] }];
    }
    case 'BARGE':
      return [
        {
          tag: 'TDT',
          elements: [[qualifier], [conveyance.voyage], mode, [], [], [], [], ['', '', '', conveyance.name]],
        },
      ];
    case 'TRUCK':
      return [{ tag: 'TDT', elements: [[qualifier], [], mode, [], [], [], [], [conveyance.plate]] }];
    case 'RAIL': {
      const date = [TIME_QUALIFIERS.estimatedDeparture, conveyance.departureDate.replace(/-/g, ''), DATE_FORMAT];
      return [
        { tag: 'TDT', elements: [[qualifier], [conveyance.trainNo], mode] },
        { tag: 'DTM', elements: [date] },
      ];
    }
  }
}

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
  CONTAINER_STATUS_CODES,
  DOCUMENT_QUALIFIERS,
  EDI_SENDERS,
  IN_TRANSIT_STATUS_CODES,
  PLATFORM_EDI_ID,
  writeSegments,
  type SegmentToWrite,
} from '@mmt/edifact';
import type { FeedMessage, SimulatedMessage } from './types';

/**
 * The simulated traffic as the port EDI centres would send it: each loading, in-transit and manifest message as
 * one UN/EDIFACT interchange (UNOW, syntax version 4) on `raw.edifact.v1`, which the edi service maps back to the
 * same raw message (see docs/edi.md). Waybills and schedules have no EDIFACT form here and stay JSON, as do the
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

/** UNB…UNZ around one message: sender by source, the message's sentAt as the date and time of preparation. */
function interchangeOf(message: RawMessage, ref: string, body: { type: string; segments: SegmentToWrite[] }): Buffer {
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
    { tag: 'UNH', elements: [['1'], [body.type, 'D', '95B', 'UN']] },
    ...body.segments,
    { tag: 'UNT', elements: [[String(body.segments.length + 2)], ['1']] },
    { tag: 'UNZ', elements: [['1'], [ref]] },
  ];
  return Buffer.from(writeSegments(segments), 'utf8');
}

function messageSegments(message: RawMessage): { type: string; segments: SegmentToWrite[] } | undefined {
  switch (message.kind) {
    case 'LOADING':
      return loadingSegments(message);
    case 'IN_TRANSIT':
      return inTransitSegments(message);
    case 'MANIFEST':
      return { type: 'CUSCAR', segments: manifestSegments(message) };
    case 'WAYBILL':
    case 'SCHEDULE':
      return undefined;
  }
}

const COARRI_CODES: Partial<Record<RawLoading['operation'], string>> = { LOAD: '46', DISCHARGE: '98' };
const CODECO_CODES: Partial<Record<RawLoading['operation'], string>> = { GATE_IN: '34', GATE_OUT: '36' };
const codeOf = <T extends string>(table: Readonly<Record<string, T>>, value: T) =>
  Object.entries(table).find(([, v]) => v === value)?.[0];

function loadingSegments(message: RawLoading): { type: string; segments: SegmentToWrite[] } | undefined {
  if ((message.classifier ?? 'ACT') !== 'ACT' || message.retractsMessageId !== undefined) {
    return undefined;
  }
  const eqd = equipment(message.containerNo, message);
  const details = [...documents(message.documents ?? []), ...seals(message.seals ?? [])];
  const coarri = COARRI_CODES[message.operation];
  const codeco = CODECO_CODES[message.operation];
  if (coarri !== undefined || codeco !== undefined) {
    const [type, code, timeQualifier] = coarri !== undefined ? ['COARRI', coarri, '203'] : ['CODECO', codeco!, '7'];
    return {
      type,
      segments: [
        ...head(code, message),
        ...(message.conveyance === undefined ? [] : transport('20', message.conveyance)),
        location('165', message.location),
        eqd,
        ...details,
        time(timeQualifier, message.eventTime),
      ],
    };
  }
  const status = codeOf(CONTAINER_STATUS_CODES, message.operation);
  if (status === undefined) {
    return undefined;
  }
  return {
    type: 'IFTSTA',
    segments: [
      ...head('23', message),
      { tag: 'STS', elements: [['1'], [status, 'ZZZ', 'ZZZ']] },
      location('175', message.location),
      time('334', message.eventTime),
      ...(message.customsBroker === undefined ? [] : [party('CB', message.customsBroker)]),
      ...(message.declarationNo === undefined ? [] : [{ tag: 'RFF', elements: [['ABT', message.declarationNo]] }]),
      ...(message.conveyance === undefined ? [] : transport('20', message.conveyance)),
      eqd,
      ...details,
    ],
  };
}

function inTransitSegments(message: RawInTransit): { type: string; segments: SegmentToWrite[] } | undefined {
  const status = codeOf(IN_TRANSIT_STATUS_CODES, message.status);
  if (message.classifier === 'PLN' || message.gauge !== undefined || message.retractsMessageId !== undefined) {
    return undefined;
  }
  if (status === undefined || (message.classifier === 'EST' && message.estimatedArrival !== undefined)) {
    return undefined;
  }
  const qualifier = message.classifier === 'ACT' ? '334' : message.status === 'DEPARTED' ? '133' : '132';
  const next = message.estimatedArrival;
  return {
    type: 'IFTSTA',
    segments: [
      ...head('23', message),
      { tag: 'STS', elements: [['1'], [status, 'ZZZ', 'ZZZ']] },
      location('175', message.location),
      time(qualifier, message.eventTime),
      ...(next === undefined ? [] : [location('8', next.location), time('132', next.time)]),
      ...(message.conveyance === undefined ? [] : transport('20', message.conveyance)),
      ...(message.toConveyance === undefined ? [] : transport('30', message.toConveyance)),
      ...(message.containerNo === undefined ? [] : [{ tag: 'EQD', elements: [['CN'], [message.containerNo]] }]),
    ],
  };
}

function manifestSegments(message: RawManifest): SegmentToWrite[] {
  return [
    ...head('785', message),
    { tag: 'RFF', elements: [['ZMF', message.manifestNo]] },
    { tag: 'GIS', elements: [[message.status, 'ZZZ', 'ZZZ']] },
    time('182', message.eventTime),
    ...transport('20', message.conveyance),
    location('9', message.placeOfLoading),
    location('11', message.placeOfDischarge),
    party('CA', message.carrier),
    ...message.containers.flatMap((line) => [
      equipment(line.containerNo, line),
      ...documents(line.documents),
      ...seals(line.seals ?? []),
    ]),
  ];
}

/** BGM with the message's id as the document number, and DTM+137 its sentAt. */
function head(code: string, message: RawMessage): SegmentToWrite[] {
  return [{ tag: 'BGM', elements: [[code], [message.messageId], ['9']] }, time('137', message.sentAt)];
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
      [place.locode, '139', '6'],
      ...(place.facility === undefined ? [] : [[place.facility, 'TER', 'ZZZ']]),
    ],
  };
}

function equipment(
  containerNo: string,
  details: { readonly isoSizeType?: string; readonly emptyIndicator?: 'EMPTY' | 'LADEN' },
): SegmentToWrite {
  const fullEmpty = details.emptyIndicator === undefined ? '' : details.emptyIndicator === 'EMPTY' ? '4' : '5';
  return {
    tag: 'EQD',
    elements: [['CN'], [containerNo], [details.isoSizeType ?? '', '102', '5'], [], [], [fullEmpty]],
  };
}

function documents(refs: readonly DocumentRef[]): SegmentToWrite[] {
  return refs.map((document) => ({
    tag: 'RFF',
    elements: [[codeOf(DOCUMENT_QUALIFIERS, document.type)!, document.ref]],
  }));
}

function seals(numbers: readonly string[]): SegmentToWrite[] {
  return numbers.map((seal) => ({ tag: 'SEL', elements: [[seal], ['CA']] }));
}

function party(role: string, value: { readonly orgId: string; readonly name: string }): SegmentToWrite {
  return { tag: 'NAD', elements: [[role], [value.orgId, '160', 'ZZZ'], [], [value.name]] };
}

/** TDT (and DTM+133 with a train's departure date): a vessel by IMO number, a barge by name, a truck by plate. */
function transport(qualifier: string, conveyance: Conveyance): SegmentToWrite[] {
  switch (conveyance.mode) {
    case 'VESSEL':
      return [
        {
          tag: 'TDT',
          elements: [[qualifier], [conveyance.voyage], ['1'], [], [], [], [], [conveyance.imo, '146', '11']],
        },
      ];
    case 'BARGE':
      return [
        {
          tag: 'TDT',
          elements: [[qualifier], [conveyance.voyage], ['8'], [], [], [], [], ['', '', '', conveyance.name]],
        },
      ];
    case 'TRUCK':
      return [{ tag: 'TDT', elements: [[qualifier], [], ['3'], [], [], [], [], [conveyance.plate]] }];
    case 'RAIL':
      return [
        { tag: 'TDT', elements: [[qualifier], [conveyance.trainNo], ['2']] },
        { tag: 'DTM', elements: [['133', conveyance.departureDate.replace(/-/g, ''), '102']] },
      ];
  }
}

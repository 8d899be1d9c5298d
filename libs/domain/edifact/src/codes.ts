import type { DocumentRef, LoadingOperation, RawInTransit } from '@mmt/contracts';

/**
 * The codes the platform reads and writes, in one place: the mappers, the answers and the simulator's writer use
 * these tables, and code-lists.spec.ts checks each against the standard's own lists (./code-lists).
 */

/** BGM 1001 of a COARRI → the operation on its containers. */
export const COARRI_DOCUMENT_CODES = { '122': 'LOAD', '119': 'DISCHARGE' } as const satisfies Readonly<
  Record<string, LoadingOperation>
>;

/** BGM 1001 of a CODECO → the operation on its containers. */
export const CODECO_DOCUMENT_CODES = { '109': 'GATE_IN', '111': 'GATE_OUT' } as const satisfies Readonly<
  Record<string, LoadingOperation>
>;

/** BGM 1001 written: by the simulator for IFTSTA and CUSCAR (the mapping does not check it there), and in APERAK. */
export const STATUS_REPORT_DOCUMENT_CODE = '44';
export const CARGO_REPORT_DOCUMENT_CODE = '785';
export const APERAK_DOCUMENT_CODE = '305';

type EquipmentMove = 'LOAD' | 'DISCHARGE' | 'GATE_IN' | 'GATE_OUT';

/** DTM 2005 of the time of a container move, by operation. */
export const MOVE_TIME_QUALIFIERS: Readonly<Record<EquipmentMove, string>> = {
  LOAD: '404',
  DISCHARGE: '403',
  GATE_IN: '7',
  GATE_OUT: '7',
};

/** Other DTM 2005 qualifiers read and written. */
export const TIME_QUALIFIERS = {
  /** When the message was sent. */
  document: '137',
  estimatedArrival: '132',
  /** An estimated departure; also the departure date of a train after its TDT. */
  estimatedDeparture: '133',
  /** IFTSTA: the actual time of a status. */
  statusChange: '334',
  /** CUSCAR: when the manifest took its status. */
  issue: '182',
} as const;

/** DTM 2379 formats read: a date, and times with their zone (303, 304; 205 with an offset ±HHMM). */
export const DATE_FORMAT = '102';
export const ZONED_TIME_FORMATS = ['303', '304', '205'] as const;
/** Times without a zone: refused (APERAK NO_TIME_ZONE). */
export const UNZONED_TIME_FORMATS = ['203', '204'] as const;

/** LOC 3227 qualifiers read and written. */
export const PLACE_QUALIFIERS = {
  /** Where the move or status happened. */
  activity: '175',
  loading: '9',
  discharge: '11',
  /** IFTSTA: the next place, with the estimated arrival there. */
  destination: '8',
} as const;

/** TDT 8051 transport stages. */
export const TRANSPORT_STAGE_QUALIFIERS = { mainCarriage: '20', onCarriage: '30' } as const;

/** TDT C220 8067 mode of transport → the conveyance's mode. */
export const TRANSPORT_MODE_CODES = { '1': 'VESSEL', '2': 'RAIL', '3': 'TRUCK', '8': 'BARGE' } as const;

/** EQD 8053: the only equipment read. */
export const CONTAINER_EQUIPMENT = 'CN';

/** EQD 8169 full/empty indicator → emptyIndicator. */
export const FULL_EMPTY_CODES = { '4': 'EMPTY', '5': 'LADEN' } as const;

/** RFF 1153 qualifiers read as transport documents. */
export const DOCUMENT_QUALIFIERS = {
  BM: 'BILL_OF_LADING',
  AAM: 'WAYBILL',
  RCN: 'CIM_SMGS',
  AFB: 'MANIFEST',
} as const satisfies Readonly<Record<string, DocumentRef['type']>>;

/** Other RFF 1153 qualifiers read and written. */
export const REFERENCE_QUALIFIERS_USED = {
  /** IFTSTA CUSTOMS_DECLARED: the declaration number. */
  customsDeclaration: 'ABT',
  /** CUSCAR, before the first EQD: the manifest number. */
  manifestNumber: 'AFB',
  /** APERAK: the reference of the message answered. */
  previousMessage: 'ACW',
  /** APERAK: the reference of the interchange answered. */
  previousInterchange: 'INO',
} as const;

/** NAD 3035 party roles read. */
export const PARTY_ROLE_QUALIFIERS = { carrier: 'CA', customsBroker: 'CB' } as const;

/** SEL C215 9303: the sealing party the simulator writes. */
export const SEALING_PARTY_CARRIER = 'CA';

/** STS C601 9015 the simulator writes. */
export const STATUS_CATEGORY_TRANSPORT = '1';

/** BGM 1225 message functions. */
export const MESSAGE_FUNCTION_CODES = {
  original: '9',
  replace: '5',
  cancellation: '1',
  /** APERAK: the message answered is not accepted. */
  notAccepted: '27',
} as const;

/** 1131 code list qualifiers and 3055 agencies written (LOCODE, IMO number, party id, size and type). */
export const CODE_LIST_QUALIFIERS_WRITTEN = {
  port: '139',
  meansOfTransport: '146',
  party: '160',
  sizeType: '102',
} as const;
export const AGENCIES_WRITTEN = { unece: '6', lloyds: '11', iso: '5' } as const;

/** CONTRL 0083 actions written. */
export const CONTRL_ACTION_CODES = { accepted: '7', rejected: '4' } as const;

/** What an IFTSTA status code means: a movement of a conveyance, or a handling or customs event of a container. */
export type StatusMeaning =
  | { readonly kind: 'IN_TRANSIT'; readonly status: RawInTransit['status'] }
  | { readonly kind: 'LOADING'; readonly operation: LoadingOperation };

/**
 * IFTSTA STS C555 4405 status codes. Transport statuses come from UN/ECE Recommendation 24 (the code list agency
 * 3055 left empty or 6); the platform's agreed codes (agency ZZZ) only for what Recommendation 24 has no code for.
 * The first code of a meaning is the one the simulator writes.
 */
export const RECOMMENDATION_24_STATUS_CODES: Readonly<Record<string, StatusMeaning>> = {
  '24': { kind: 'IN_TRANSIT', status: 'DEPARTED' },
  '1': { kind: 'IN_TRANSIT', status: 'ARRIVED' },
  '16': { kind: 'IN_TRANSIT', status: 'PASSED' },
  '100': { kind: 'IN_TRANSIT', status: 'TRANSFERRED' },
  '368': { kind: 'LOADING', operation: 'TRANSFER' },
  '93': { kind: 'LOADING', operation: 'STUFFING' },
  '28': { kind: 'LOADING', operation: 'STRIPPING' },
  '228': { kind: 'LOADING', operation: 'CUSTOMS_SELECTED' },
  '12': { kind: 'LOADING', operation: 'CUSTOMS_RELEASED' },
};

/** Agreed status codes (STS C555 with agency ZZZ): what Recommendation 24 has no code for. */
export const AGREED_STATUS_CODES: Readonly<Record<string, StatusMeaning>> = {
  /** Passed a station that is not a border (Recommendation 24's 16 is a border crossing). */
  PAS: { kind: 'IN_TRANSIT', status: 'PASSED' },
  CIN: { kind: 'LOADING', operation: 'CUSTOMS_INSPECTED' },
  INS: { kind: 'LOADING', operation: 'INSPECTION' },
  CDC: { kind: 'LOADING', operation: 'CUSTOMS_DECLARED' },
};

/** The agency (3055) of the platform's agreed codes. */
export const MUTUALLY_DEFINED = 'ZZZ';

/** A table's own entry for a code (not one of Object's properties, such as "constructor"). */
export function codeIn<T>(table: Readonly<Record<string, T>>, code: string): T | undefined {
  return Object.prototype.hasOwnProperty.call(table, code) ? table[code] : undefined;
}

/** The code (and agency) the simulator writes for a status or operation. */
export function statusCodeOf(meaning: StatusMeaning): { code: string; agreed: boolean } | undefined {
  const same = ([, m]: [string, StatusMeaning]) =>
    m.kind === meaning.kind &&
    (m.kind === 'IN_TRANSIT'
      ? m.status === (meaning as { status: string }).status
      : m.operation === (meaning as { operation: string }).operation);
  const standard = Object.entries(RECOMMENDATION_24_STATUS_CODES).find(same);
  if (standard !== undefined) {
    return { code: standard[0], agreed: false };
  }
  const agreed = Object.entries(AGREED_STATUS_CODES).find(same);
  return agreed === undefined ? undefined : { code: agreed[0], agreed: true };
}

/** The meaning of STS C555 (code, agency), or undefined when the platform does not read it. */
export function statusMeaningOf(code: string, agency: string): StatusMeaning | undefined {
  if (agency === MUTUALLY_DEFINED) {
    return codeIn(AGREED_STATUS_CODES, code);
  }
  return agency === '' || agency === AGENCIES_WRITTEN.unece ? codeIn(RECOMMENDATION_24_STATUS_CODES, code) : undefined;
}

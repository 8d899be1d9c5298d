import type { DocumentRef, LoadingOperation, RawInTransit, RawManifest } from '@mmt/contracts';

/**
 * The codes the platform reads and writes, in one place: the mappers, the answers and the simulator's writer use
 * these tables, and code-lists.spec.ts checks each against its source (./code-lists): the standard's own lists, or
 * the SMDG guides' usage for the codes SMDG gives a meaning of its own.
 */

/**
 * Where a code read for a meaning is defined: `SMDG`, the SMDG message implementation guides' D.95B usage
 * (./code-lists/smdg-guides.ts: codes UNTDID names otherwise, or does not have in D.95B), or `UNTDID`, the standard's
 * own list with a matching name (./code-lists: the current UNCL and D.00B, and D.95B where the code is that old).
 */
export type CodeSource = 'SMDG' | 'UNTDID';

/** A code the platform accepts for a meaning, and where that meaning is defined. */
export interface AcceptedCode {
  readonly code: string;
  readonly source: CodeSource;
}

const smdg = (code: string): AcceptedCode => ({ code, source: 'SMDG' });
const untdid = (code: string): AcceptedCode => ({ code, source: 'UNTDID' });

/** The container moves a COARRI or CODECO reports. */
export type EquipmentMove = 'LOAD' | 'DISCHARGE' | 'GATE_IN' | 'GATE_OUT';

/** The codes a COARRI or CODECO move is read from, each list in order: the one valid in a D:95B message first. */
export interface MoveCodes {
  readonly message: 'COARRI' | 'CODECO';
  /** BGM C002 1001: the document, which gives the move of every container in it. */
  readonly document: readonly AcceptedCode[];
  /** DTM C507 2005: the time of the move. */
  readonly time: readonly AcceptedCode[];
}

/**
 * The two profiles the centres send, read alike: the SMDG guides' D.95B codes (what a message whose UNH names D:95B
 * carries, and what the simulator writes) and the current UNTDID codes (D.00B and later). A code of neither is refused
 * (APERAK INVALID for the document, MISSING for the time).
 */
export const MOVE_CODES: Readonly<Record<EquipmentMove, MoveCodes>> = {
  LOAD: { message: 'COARRI', document: [smdg('46'), untdid('122')], time: [smdg('203'), untdid('404')] },
  DISCHARGE: { message: 'COARRI', document: [smdg('98'), untdid('119')], time: [smdg('203'), untdid('403')] },
  GATE_IN: { message: 'CODECO', document: [smdg('34'), untdid('109')], time: [untdid('7')] },
  GATE_OUT: { message: 'CODECO', document: [smdg('36'), untdid('111')], time: [untdid('7')] },
};

/**
 * LOC 3227 of where a COARRI or CODECO move happened: SMDG's 165 (not in D.95B; UNTDID's later 165 is a country) or
 * UNTDID's 175 Activity location. A COARRI without either is read at LOC+9 (loading) or LOC+11 (discharge).
 */
export const MOVE_PLACE_QUALIFIERS: readonly AcceptedCode[] = [smdg('165'), untdid('175')];

/** The codes of a list, in its order. */
export const codesOf = (accepted: readonly AcceptedCode[]): string[] => accepted.map((a) => a.code);

/** BGM 1001 of a COARRI or CODECO → its move, for every code of either profile. */
export function documentCodesOf(message: MoveCodes['message']): Readonly<Record<string, EquipmentMove>> {
  return Object.fromEntries(
    (Object.entries(MOVE_CODES) as [EquipmentMove, MoveCodes][])
      .filter(([, codes]) => codes.message === message)
      .flatMap(([move, codes]) => codes.document.map((d) => [d.code, move])),
  );
}

/** The code a D:95B message carries for a meaning (the simulator writes it): the first of its list. */
export const d95bCodeOf = (accepted: readonly AcceptedCode[]): string => accepted[0].code;

/** BGM 1001 written: by the simulator for IFTSTA and CUSCAR (the mapping does not check it there), and in APERAK. */
export const STATUS_REPORT_DOCUMENT_CODE = '44';
export const CARGO_REPORT_DOCUMENT_CODE = '785';
export const APERAK_DOCUMENT_CODE = '305';

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
/** Times without a zone: refused (APERAK NOZONE), the SMDG guides' 203 among them. */
export const UNZONED_TIME_FORMATS = ['203', '204'] as const;

/** Other LOC 3227 qualifiers read and written. */
export const PLACE_QUALIFIERS = {
  /** IFTSTA: where the status happened (Activity location). */
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

/**
 * GIS C529 7365 (an..3) with agency ZZZ: the manifest statuses agreed with the centres. The platform's status names
 * are longer than the element, so each has an agreed 3-letter code.
 */
export const MANIFEST_STATUS_CODES = {
  FIL: 'FILED',
  ACC: 'ACCEPTED',
  AMD: 'AMENDED',
  REL: 'RELEASED',
  HLD: 'HELD',
} as const satisfies Readonly<Record<string, RawManifest['status']>>;

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

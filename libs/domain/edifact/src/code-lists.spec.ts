import {
  CODE_LIST_QUALIFIERS,
  CONTRL_ACTIONS,
  DATE_TIME_FORMATS,
  DATE_TIME_QUALIFIERS,
  DOCUMENT_NAME_CODES,
  EQUIPMENT_TYPES,
  FULL_EMPTY_INDICATORS,
  LOCATION_QUALIFIERS,
  MESSAGE_FUNCTIONS,
  PARTY_ROLES,
  REFERENCE_QUALIFIERS,
  RESPONSIBLE_AGENCIES,
  SEALING_PARTIES,
  STATUS_CATEGORIES,
  SYNTAX_ERROR_CODES,
  TRANSPORT_MODES,
  TRANSPORT_STAGES,
  TRANSPORT_STATUS_CODES,
} from './code-lists';
import {
  AGENCIES_WRITTEN,
  AGREED_STATUS_CODES,
  APERAK_DOCUMENT_CODE,
  CARGO_REPORT_DOCUMENT_CODE,
  COARRI_DOCUMENT_CODES,
  CODE_LIST_QUALIFIERS_WRITTEN,
  CODECO_DOCUMENT_CODES,
  CONTAINER_EQUIPMENT,
  CONTRL_ACTION_CODES,
  DATE_FORMAT,
  DOCUMENT_QUALIFIERS,
  FULL_EMPTY_CODES,
  MESSAGE_FUNCTION_CODES,
  MOVE_TIME_QUALIFIERS,
  PARTY_ROLE_QUALIFIERS,
  PLACE_QUALIFIERS,
  RECOMMENDATION_24_STATUS_CODES,
  REFERENCE_QUALIFIERS_USED,
  SEALING_PARTY_CARRIER,
  STATUS_CATEGORY_TRANSPORT,
  STATUS_REPORT_DOCUMENT_CODE,
  statusCodeOf,
  TIME_QUALIFIERS,
  TRANSPORT_MODE_CODES,
  TRANSPORT_STAGE_QUALIFIERS,
  UNZONED_TIME_FORMATS,
  ZONED_TIME_FORMATS,
} from './codes';
import { SYNTAX_ERRORS } from './envelope';

/** The standard's name of `code` in `list`, or a failure naming the code when the list has no such code. */
function nameIn(list: Readonly<Record<string, string>>, code: string): string {
  if (!Object.prototype.hasOwnProperty.call(list, code)) {
    throw new Error(`code "${code}" is not in the standard's list`);
  }
  return list[code];
}

/**
 * The codes the mapping reads and writes (./codes.ts, the tables the code uses) against the standard's own lists
 * (./code-lists, extracts of UNTDID, UN/ECE Recommendation 24 and ISO 9735's service code lists): each code must be
 * in its list, under a name that means what the platform maps it to.
 */
describe('the codes read and written, against the UN/EDIFACT code lists', () => {
  it('BGM 1001: COARRI and CODECO document codes name the report of their operation', () => {
    const expected = {
      LOAD: /^Transport loading report$/,
      DISCHARGE: /^Transport discharge report$/,
      GATE_IN: /^Transport movement gate in report$/,
      GATE_OUT: /^Transport movement gate out report$/,
    };
    for (const [code, operation] of Object.entries({ ...COARRI_DOCUMENT_CODES, ...CODECO_DOCUMENT_CODES })) {
      expect([code, nameIn(DOCUMENT_NAME_CODES, code)]).toEqual([code, expect.stringMatching(expected[operation])]);
    }
  });

  it('BGM 1001: the codes written name an IFTSTA, a CUSCAR and an APERAK', () => {
    expect(nameIn(DOCUMENT_NAME_CODES, STATUS_REPORT_DOCUMENT_CODE)).toBe('Transport status report');
    expect(nameIn(DOCUMENT_NAME_CODES, CARGO_REPORT_DOCUMENT_CODE)).toBe('Cargo manifest');
    expect(nameIn(DOCUMENT_NAME_CODES, APERAK_DOCUMENT_CODE)).toBe('Application error and acknowledgement');
  });

  it('BGM 1001: the older SMDG codes are not read, their UN names being other documents', () => {
    const read = Object.keys({ ...COARRI_DOCUMENT_CODES, ...CODECO_DOCUMENT_CODES });
    for (const [code, name] of [
      ['34', 'Cargo status'],
      ['36', 'Identity card'],
      ['46', 'Banking status'],
      ['98', 'Arrival information'],
    ]) {
      expect(nameIn(DOCUMENT_NAME_CODES, code)).toBe(name);
      expect(read).not.toContain(code);
    }
  });

  it('BGM 1225: message functions', () => {
    expect(nameIn(MESSAGE_FUNCTIONS, MESSAGE_FUNCTION_CODES.original)).toBe('Original');
    expect(nameIn(MESSAGE_FUNCTIONS, MESSAGE_FUNCTION_CODES.replace)).toBe('Replace');
    expect(nameIn(MESSAGE_FUNCTIONS, MESSAGE_FUNCTION_CODES.cancellation)).toBe('Cancellation');
    expect(nameIn(MESSAGE_FUNCTIONS, MESSAGE_FUNCTION_CODES.notAccepted)).toBe('Not accepted');
  });

  it('DTM 2005: the time of each move, and the other times read', () => {
    expect(nameIn(DATE_TIME_QUALIFIERS, MOVE_TIME_QUALIFIERS.LOAD)).toBe('Loading date/time, actual');
    expect(nameIn(DATE_TIME_QUALIFIERS, MOVE_TIME_QUALIFIERS.DISCHARGE)).toBe('Discharge date/time, actual');
    expect(nameIn(DATE_TIME_QUALIFIERS, MOVE_TIME_QUALIFIERS.GATE_IN)).toBe('Effective date/time');
    expect(nameIn(DATE_TIME_QUALIFIERS, MOVE_TIME_QUALIFIERS.GATE_OUT)).toBe('Effective date/time');
    expect(nameIn(DATE_TIME_QUALIFIERS, TIME_QUALIFIERS.document)).toBe('Document/message date/time');
    expect(nameIn(DATE_TIME_QUALIFIERS, TIME_QUALIFIERS.estimatedArrival)).toBe('Arrival date/time, estimated');
    expect(nameIn(DATE_TIME_QUALIFIERS, TIME_QUALIFIERS.estimatedDeparture)).toBe('Departure date/time, estimated');
    expect(nameIn(DATE_TIME_QUALIFIERS, TIME_QUALIFIERS.statusChange)).toBe('Status change date/time');
    expect(nameIn(DATE_TIME_QUALIFIERS, TIME_QUALIFIERS.issue)).toBe('Issue date');
    expect(Object.values(MOVE_TIME_QUALIFIERS)).not.toContain('203');
    expect(nameIn(DATE_TIME_QUALIFIERS, '203')).toBe('Execution date/time, requested');
  });

  it('DTM 2379: a date, times with their zone, and the times without one that are refused', () => {
    expect(nameIn(DATE_TIME_FORMATS, DATE_FORMAT)).toBe('CCYYMMDD');
    expect(ZONED_TIME_FORMATS.map((f) => nameIn(DATE_TIME_FORMATS, f))).toEqual([
      'CCYYMMDDHHMMZZZ',
      'CCYYMMDDHHMMSSZZZ',
      'CCYYMMDDHHMMZHHMM',
    ]);
    expect(UNZONED_TIME_FORMATS.map((f) => nameIn(DATE_TIME_FORMATS, f))).toEqual(['CCYYMMDDHHMM', 'CCYYMMDDHHMMSS']);
  });

  it('LOC 3227: the place of the move, of loading, of discharge, and the next destination', () => {
    expect(nameIn(LOCATION_QUALIFIERS, PLACE_QUALIFIERS.activity)).toBe('Activity location');
    expect(nameIn(LOCATION_QUALIFIERS, PLACE_QUALIFIERS.loading)).toBe('Place/port of loading');
    expect(nameIn(LOCATION_QUALIFIERS, PLACE_QUALIFIERS.discharge)).toBe('Place/port of discharge');
    expect(nameIn(LOCATION_QUALIFIERS, PLACE_QUALIFIERS.destination)).toBe('Place of destination');
    expect(Object.values(PLACE_QUALIFIERS)).not.toContain('165');
    expect(nameIn(LOCATION_QUALIFIERS, '165')).toBe('Construction country');
  });

  it('STS C555: Recommendation 24 codes name the status or operation they map to', () => {
    const expected: Record<string, RegExp> = {
      DEPARTED: /^Departure, completed$/,
      ARRIVED: /^Arrival, completed$/,
      PASSED: /^Crossed border$/,
      TRANSFERRED: /^Transshipment$/,
      TRANSFER: /^Transshipment to another wagon$/,
      STUFFING: /^Stuffed$/,
      STRIPPING: /^Stripped$/,
      CUSTOMS_SELECTED: /^Inspection required by authority$/,
      CUSTOMS_RELEASED: /^Cleared, by customs$/,
    };
    for (const [code, meaning] of Object.entries(RECOMMENDATION_24_STATUS_CODES)) {
      const mapped = meaning.kind === 'IN_TRANSIT' ? meaning.status : meaning.operation;
      expect([code, nameIn(TRANSPORT_STATUS_CODES, code)]).toEqual([code, expect.stringMatching(expected[mapped])]);
    }
  });

  it('STS C555: agreed codes (agency ZZZ) cannot be taken for Recommendation 24 codes, and are not written when one exists', () => {
    const standard = Object.values(RECOMMENDATION_24_STATUS_CODES);
    for (const [code, meaning] of Object.entries(AGREED_STATUS_CODES)) {
      expect(code).toMatch(/^[A-Z]{3}$/);
      const hasStandardCode = standard.some((m) => JSON.stringify(m) === JSON.stringify(meaning));
      expect(statusCodeOf(meaning)?.agreed).toBe(!hasStandardCode);
    }
    expect(nameIn(STATUS_CATEGORIES, STATUS_CATEGORY_TRANSPORT)).toBe('Transport');
  });

  it('TDT: transport stages and modes', () => {
    expect(nameIn(TRANSPORT_STAGES, TRANSPORT_STAGE_QUALIFIERS.mainCarriage)).toBe('Main-carriage transport');
    expect(nameIn(TRANSPORT_STAGES, TRANSPORT_STAGE_QUALIFIERS.onCarriage)).toBe('On-carriage transport');
    const expected = {
      VESSEL: 'Maritime transport',
      RAIL: 'Rail transport',
      TRUCK: 'Road transport',
      BARGE: 'Inland water transport',
    };
    for (const [code, mode] of Object.entries(TRANSPORT_MODE_CODES)) {
      expect(nameIn(TRANSPORT_MODES, code)).toBe(expected[mode]);
    }
  });

  it('EQD: containers, full or empty', () => {
    expect(nameIn(EQUIPMENT_TYPES, CONTAINER_EQUIPMENT)).toBe('Container');
    const expected = { EMPTY: 'Empty', LADEN: 'Full' };
    for (const [code, indicator] of Object.entries(FULL_EMPTY_CODES)) {
      expect(nameIn(FULL_EMPTY_INDICATORS, code)).toBe(expected[indicator]);
    }
  });

  it('RFF 1153: each document reference names its document, and the other references', () => {
    const expected = {
      BILL_OF_LADING: 'Bill of lading number',
      WAYBILL: 'Waybill number',
      CIM_SMGS: 'Railway consignment note number',
      MANIFEST: 'Cargo manifest number',
    };
    for (const [code, type] of Object.entries(DOCUMENT_QUALIFIERS)) {
      expect(nameIn(REFERENCE_QUALIFIERS, code)).toBe(expected[type]);
    }
    expect(nameIn(REFERENCE_QUALIFIERS, REFERENCE_QUALIFIERS_USED.customsDeclaration)).toBe(
      'Customs declaration number',
    );
    expect(nameIn(REFERENCE_QUALIFIERS, REFERENCE_QUALIFIERS_USED.manifestNumber)).toBe('Cargo manifest number');
    expect(nameIn(REFERENCE_QUALIFIERS, REFERENCE_QUALIFIERS_USED.previousMessage)).toBe(
      'Reference number to previous message',
    );
    expect(nameIn(REFERENCE_QUALIFIERS, REFERENCE_QUALIFIERS_USED.previousInterchange)).toBe('Interchange number old');
  });

  it('NAD, SEL, and the code lists and agencies written in LOC, TDT, EQD and NAD', () => {
    expect(nameIn(PARTY_ROLES, PARTY_ROLE_QUALIFIERS.carrier)).toBe('Carrier');
    expect(nameIn(PARTY_ROLES, PARTY_ROLE_QUALIFIERS.customsBroker)).toBe('Customs broker');
    expect(nameIn(SEALING_PARTIES, SEALING_PARTY_CARRIER)).toBe('Carrier');
    expect(nameIn(CODE_LIST_QUALIFIERS, CODE_LIST_QUALIFIERS_WRITTEN.port)).toBe('Port');
    expect(nameIn(CODE_LIST_QUALIFIERS, CODE_LIST_QUALIFIERS_WRITTEN.meansOfTransport)).toBe(
      'Means of transport identification',
    );
    expect(nameIn(CODE_LIST_QUALIFIERS, CODE_LIST_QUALIFIERS_WRITTEN.party)).toBe('Party identification');
    expect(nameIn(CODE_LIST_QUALIFIERS, CODE_LIST_QUALIFIERS_WRITTEN.sizeType)).toBe('Size and type');
    expect(nameIn(RESPONSIBLE_AGENCIES, AGENCIES_WRITTEN.unece)).toMatch(/^UN\/ECE/);
    expect(nameIn(RESPONSIBLE_AGENCIES, AGENCIES_WRITTEN.lloyds)).toBe("Lloyd's register of shipping");
    expect(nameIn(RESPONSIBLE_AGENCIES, AGENCIES_WRITTEN.iso)).toMatch(/^ISO/);
  });

  it('CONTRL: the actions (0083) and syntax errors (0085) written', () => {
    expect(nameIn(CONTRL_ACTIONS, CONTRL_ACTION_CODES.accepted)).toMatch(/^This level acknowledged/);
    expect(nameIn(CONTRL_ACTIONS, CONTRL_ACTION_CODES.rejected)).toBe('This level and all lower levels rejected');
    for (const code of Object.keys(SYNTAX_ERRORS)) {
      expect(nameIn(SYNTAX_ERROR_CODES, code)).toBe(SYNTAX_ERRORS[code as keyof typeof SYNTAX_ERRORS]);
    }
  });
});

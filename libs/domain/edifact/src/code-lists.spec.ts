import { MANIFEST_STATUSES } from '@mmt/contracts';
import {
  CODE_LIST_QUALIFIERS,
  CONTRL_ACTIONS,
  DATE_TIME_FORMATS,
  DATE_TIME_QUALIFIERS,
  DOCUMENT_NAME_CODES,
  EQUIPMENT_TYPES,
  FULL_EMPTY_INDICATORS,
  LOCATION_QUALIFIERS,
  MAX_LENGTHS,
  MESSAGE_FUNCTIONS,
  PARTY_ROLES,
  REFERENCE_QUALIFIERS,
  RESPONSIBLE_AGENCIES,
  SEALING_PARTIES,
  SMDG_DATE_TIME_FORMATS,
  SMDG_DATE_TIME_QUALIFIERS,
  SMDG_DOCUMENT_NAMES,
  SMDG_GUIDES,
  SMDG_LOCATION_QUALIFIERS,
  SMDG_RELATED_LOCATION_LISTS,
  STATUS_CATEGORIES,
  SYNTAX_ERROR_CODES,
  TRANSPORT_MODES,
  TRANSPORT_STAGES,
  TRANSPORT_STATUS_CODES,
  type SmdgCode,
} from './code-lists';
import {
  AGENCIES_WRITTEN,
  AGREED_STATUS_CODES,
  APERAK_DOCUMENT_CODE,
  CARGO_REPORT_DOCUMENT_CODE,
  CODE_LIST_QUALIFIERS_WRITTEN,
  CONTAINER_EQUIPMENT,
  CONTRL_ACTION_CODES,
  DATE_FORMAT,
  DOCUMENT_QUALIFIERS,
  FULL_EMPTY_CODES,
  MANIFEST_STATUS_CODES,
  MESSAGE_FUNCTION_CODES,
  MOVE_CODES,
  MOVE_PLACE_QUALIFIERS,
  MUTUALLY_DEFINED,
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
  type AcceptedCode,
  type EquipmentMove,
} from './codes';
import { SYNTAX_ERRORS } from './envelope';
import { readInterchange } from './read-interchange';
import { interchangeBytes } from './testing/interchange';
import { BUSINESS_ERRORS } from './findings';

/** The standard's name of `code` in `list`, or a failure naming the code when the list has no such code. */
function nameIn(list: Readonly<Record<string, string>>, code: string): string {
  if (!Object.prototype.hasOwnProperty.call(list, code)) {
    throw new Error(`code "${code}" is not in the standard's list`);
  }
  return list[code];
}

/** The SMDG guide's use of `code` in `list`, or a failure naming the code when the extract has no such code. */
function smdgUseOf(list: Readonly<Record<string, SmdgCode>>, code: string): SmdgCode {
  if (!Object.prototype.hasOwnProperty.call(list, code)) {
    throw new Error(`code "${code}" is not in the SMDG guides' extract`);
  }
  return list[code];
}

/**
 * The meaning of an accepted code, from its source: the UN list's name for a UNTDID code, the SMDG guide's meaning
 * for an SMDG one (and then the guide must be one the extract names, with where the code was seen).
 */
function meaningOf(
  accepted: AcceptedCode,
  lists: { un: Readonly<Record<string, string>>; smdg: Readonly<Record<string, SmdgCode>> },
): string {
  if (accepted.source === 'UNTDID') {
    return nameIn(lists.un, accepted.code);
  }
  const use = smdgUseOf(lists.smdg, accepted.code);
  expect(Object.keys(SMDG_GUIDES)).toContain(use.guide);
  expect(use.seen).not.toBe('');
  return use.name;
}

/**
 * The codes the mapping reads and writes (./codes.ts, the tables the code uses) against the standard's own lists
 * (./code-lists, extracts of UNTDID, UN/ECE Recommendation 24 and ISO 9735's service code lists): each code must be
 * in its list, under a name that means what the platform maps it to.
 */
describe('the codes read and written, against the UN/EDIFACT code lists', () => {
  it('BGM 1001: every COARRI and CODECO document code accepted names the report of its move, in its source', () => {
    const expected: Record<EquipmentMove, RegExp> = {
      LOAD: /^(Transport loading report|Loading report)$/,
      DISCHARGE: /^(Transport discharge report|Discharge report)$/,
      GATE_IN: /^(Transport movement gate in report|Gate-in report)$/,
      GATE_OUT: /^(Transport movement gate out report|Gate-out report)$/,
    };
    for (const [move, codes] of Object.entries(MOVE_CODES) as [EquipmentMove, (typeof MOVE_CODES)[EquipmentMove]][]) {
      expect(codes.document.map((d) => d.source)).toEqual(['SMDG', 'UNTDID']);
      for (const accepted of codes.document) {
        const meaning = meaningOf(accepted, { un: DOCUMENT_NAME_CODES, smdg: SMDG_DOCUMENT_NAMES });
        expect([accepted.code, meaning]).toEqual([accepted.code, expect.stringMatching(expected[move])]);
        if (accepted.source === 'SMDG') {
          expect(SMDG_DOCUMENT_NAMES[accepted.code].messages).toContain(codes.message);
        }
      }
    }
  });

  it('BGM 1001: the codes written name an IFTSTA, a CUSCAR and an APERAK', () => {
    expect(nameIn(DOCUMENT_NAME_CODES, STATUS_REPORT_DOCUMENT_CODE)).toBe('Transport status report');
    expect(nameIn(DOCUMENT_NAME_CODES, CARGO_REPORT_DOCUMENT_CODE)).toBe('Cargo manifest');
    expect(nameIn(DOCUMENT_NAME_CODES, APERAK_DOCUMENT_CODE)).toBe('Application error and acknowledgement');
  });

  it('BGM 1001: the SMDG codes are read as SMDG uses them, their UN names being other documents', () => {
    for (const [code, name] of [
      ['34', 'Cargo status'],
      ['36', 'Identity card'],
      ['46', 'Banking status'],
      ['98', 'Arrival information'],
    ]) {
      expect(nameIn(DOCUMENT_NAME_CODES, code)).toBe(name);
      const sources = Object.values(MOVE_CODES).flatMap((m) => m.document.filter((d) => d.code === code));
      expect(sources).toEqual([{ code, source: 'SMDG' }]);
    }
  });

  it('BGM 1225: message functions', () => {
    expect(nameIn(MESSAGE_FUNCTIONS, MESSAGE_FUNCTION_CODES.original)).toBe('Original');
    expect(nameIn(MESSAGE_FUNCTIONS, MESSAGE_FUNCTION_CODES.replace)).toBe('Replace');
    expect(nameIn(MESSAGE_FUNCTIONS, MESSAGE_FUNCTION_CODES.cancellation)).toBe('Cancellation');
    expect(nameIn(MESSAGE_FUNCTIONS, MESSAGE_FUNCTION_CODES.notAccepted)).toBe('Not accepted');
  });

  it('DTM 2005: the time of each move, in its source, and the other times read', () => {
    const expected: Record<EquipmentMove, RegExp> = {
      LOAD: /^(Loading date\/time, actual|Execution date\/time: when the container was discharged or loaded)$/,
      DISCHARGE: /^(Discharge date\/time, actual|Execution date\/time: when the container was discharged or loaded)$/,
      GATE_IN: /^Effective date\/time$/,
      GATE_OUT: /^Effective date\/time$/,
    };
    for (const [move, codes] of Object.entries(MOVE_CODES) as [EquipmentMove, (typeof MOVE_CODES)[EquipmentMove]][]) {
      for (const accepted of codes.time) {
        const meaning = meaningOf(accepted, { un: DATE_TIME_QUALIFIERS, smdg: SMDG_DATE_TIME_QUALIFIERS });
        expect([accepted.code, meaning]).toEqual([accepted.code, expect.stringMatching(expected[move])]);
      }
    }
    // SMDG's 203 is read in a COARRI only: its UN name is a requested (banking) date.
    expect(nameIn(DATE_TIME_QUALIFIERS, '203')).toBe('Execution date/time, requested');
    expect(SMDG_DATE_TIME_QUALIFIERS['203'].messages).toEqual(['COARRI']);
    expect(nameIn(DATE_TIME_QUALIFIERS, TIME_QUALIFIERS.document)).toBe('Document/message date/time');
    expect(nameIn(DATE_TIME_QUALIFIERS, TIME_QUALIFIERS.estimatedArrival)).toBe('Arrival date/time, estimated');
    expect(nameIn(DATE_TIME_QUALIFIERS, TIME_QUALIFIERS.estimatedDeparture)).toBe('Departure date/time, estimated');
    expect(nameIn(DATE_TIME_QUALIFIERS, TIME_QUALIFIERS.statusChange)).toBe('Status change date/time');
    expect(nameIn(DATE_TIME_QUALIFIERS, TIME_QUALIFIERS.issue)).toBe('Issue date');
  });

  it('DTM 2379: a date, times with their zone, and the times without one that are refused', () => {
    expect(nameIn(DATE_TIME_FORMATS, DATE_FORMAT)).toBe('CCYYMMDD');
    expect(ZONED_TIME_FORMATS.map((f) => nameIn(DATE_TIME_FORMATS, f))).toEqual([
      'CCYYMMDDHHMMZZZ',
      'CCYYMMDDHHMMSSZZZ',
      'CCYYMMDDHHMMZHHMM',
    ]);
    expect(UNZONED_TIME_FORMATS.map((f) => nameIn(DATE_TIME_FORMATS, f))).toEqual(['CCYYMMDDHHMM', 'CCYYMMDDHHMMSS']);
    // The SMDG guides' examples give the time of the move in 203: refused, as a time without its zone.
    expect(Object.keys(SMDG_DATE_TIME_FORMATS)).toEqual(['203']);
    expect(UNZONED_TIME_FORMATS).toContain('203');
  });

  it('LOC 3227: the place of the move in its source, of loading, of discharge, and the next destination', () => {
    expect(MOVE_PLACE_QUALIFIERS.map((q) => q.source)).toEqual(['SMDG', 'UNTDID']);
    for (const accepted of MOVE_PLACE_QUALIFIERS) {
      const meaning = meaningOf(accepted, { un: LOCATION_QUALIFIERS, smdg: SMDG_LOCATION_QUALIFIERS });
      expect([accepted.code, meaning]).toEqual([
        accepted.code,
        expect.stringMatching(/^(Activity location|Place of the move)/),
      ]);
    }
    // SMDG's 165 is read in COARRI and CODECO only: its UN name (D.00B on) is a country.
    expect(nameIn(LOCATION_QUALIFIERS, '165')).toBe('Construction country');
    expect(SMDG_LOCATION_QUALIFIERS['165'].messages).toEqual(['COARRI', 'CODECO']);
    expect(nameIn(LOCATION_QUALIFIERS, PLACE_QUALIFIERS.activity)).toBe('Activity location');
    expect(nameIn(LOCATION_QUALIFIERS, PLACE_QUALIFIERS.loading)).toBe('Place/port of loading');
    expect(nameIn(LOCATION_QUALIFIERS, PLACE_QUALIFIERS.discharge)).toBe('Place/port of discharge');
    expect(nameIn(LOCATION_QUALIFIERS, PLACE_QUALIFIERS.destination)).toBe('Place of destination');
    // The guide gives the terminal in C519 as code list TER, agency ZZZ: as the platform reads and writes it.
    expect(smdgUseOf(SMDG_RELATED_LOCATION_LISTS, 'TER').name).toBe('Terminal');
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

  it('the agreed codes fit their data elements: ERC 9321 (an..8), GIS 7365 and STS 4405 (an..3)', () => {
    for (const code of Object.keys(BUSINESS_ERRORS)) {
      expect([code, code.length <= MAX_LENGTHS['9321']]).toEqual([code, true]);
    }
    for (const code of Object.keys(MANIFEST_STATUS_CODES)) {
      expect([code, code.length <= MAX_LENGTHS['7365']]).toEqual([code, true]);
    }
    for (const code of Object.keys(AGREED_STATUS_CODES)) {
      expect([code, code.length <= MAX_LENGTHS['4405']]).toEqual([code, true]);
    }
    expect(MUTUALLY_DEFINED.length).toBeLessThanOrEqual(MAX_LENGTHS['3055']);
    expect(new Set(Object.values(MANIFEST_STATUS_CODES))).toEqual(new Set(MANIFEST_STATUSES));
  });

  it('every code read or written fits its data element (BGM 1001, DTM 2005 and 2379)', () => {
    const moves = Object.values(MOVE_CODES);
    for (const code of moves.flatMap((m) => m.document.map((d) => d.code))) {
      expect(code.length).toBeLessThanOrEqual(MAX_LENGTHS['1001']);
    }
    for (const code of [...moves.flatMap((m) => m.time.map((t) => t.code)), ...Object.values(TIME_QUALIFIERS)]) {
      expect(code.length).toBeLessThanOrEqual(MAX_LENGTHS['2005']);
    }
    for (const code of [DATE_FORMAT, ...ZONED_TIME_FORMATS, ...UNZONED_TIME_FORMATS]) {
      expect(code.length).toBeLessThanOrEqual(MAX_LENGTHS['2379']);
    }
  });
});

/**
 * Interchanges in the shape of the SMDG guides' D.95B examples (written here for the platform's places, not copied):
 * the segments and codes the guides give, in their groups, with the segments the platform does not map (NAD, TMD,
 * MEA, LOC+147 stowage, RFF+BN booking, CNT). One deviation: the guides give the time of the move in format 203,
 * without its zone, which the platform refuses (below); these give it in 303.
 */
describe('interchanges in the SMDG guides’ D.95B shape', () => {
  const COARRI_LOADING = `
    BGM+46+QCT-LR-0302-17+9'
    DTM+137:202603021505?+08:303'
    TDT+20+026E+1++COSCO:172:20+++9456719:146:11:COSCO ADEN'
    LOC+9+CNQZH:139:6+QCT:TER:ZZZ'
    DTM+133:202603022300?+08:303'
    NAD+CF+COSCO:160:ZZZ'
    EQD+CN+CSQU3054383+45G1:102:5++2+5'
    RFF+BM:COSU6123456780'
    TMD+3'
    DTM+203:202603021432?+08:303'
    LOC+165+CNQZH:139:6+QCT:TER:ZZZ'
    LOC+147+0120382::5'
    LOC+11+NLRTM:139:6'
    MEA+AAE+G+KGM:24100'
    SEL+CN8812345+CA'
    CNT+16:1'
  `;
  const COARRI_DISCHARGE = `
    BGM+98+YSP-DR-0302-04+9'
    DTM+137:20260302071500Z:304'
    TDT+20+CJ2603+8+++++:::CHANGHANG 3'
    LOC+11+CNSGH:139:6+YSP:TER:ZZZ'
    NAD+CF+COSCO:160:ZZZ'
    EQD+CN+MSKU1234565+22G1:102:5++3+4'
    TMD+3'
    DTM+203:202603020650Z:303'
    LOC+147+0040182::5'
    LOC+11+CNSGH:139:6+YSP:TER:ZZZ'
    LOC+9+CNWUH:139:6'
    CNT+16:1'
  `;
  const gate = (code: string, ref: string) => `
    BGM+${code}+${ref}+9'
    DTM+137:202603011930?+08:303'
    TDT+20+026E+1++COSCO:172:20+++9456719:146:11:COSCO ADEN'
    LOC+9+CNQZH:139:6'
    NAD+CF+COSCO:160:ZZZ'
    EQD+CN+CSQU3054383+45G1:102:5++2+5'
    RFF+BN:QZ2603010017'
    TMD+3'
    DTM+7:202603011902?+08:303'
    LOC+165+CNQZH:139:6+QCT:TER:ZZZ'
    MEA+AAE+G+KGM:24100'
    SEL+CN8812345+CA'
    TDT+1++3+31++++GUI A12345'
    CNT+16:1'
  `;

  it('maps a COARRI loading report (BGM+46, DTM+203, LOC+165) to LOAD at the terminal', () => {
    const outcome = readInterchange(interchangeBytes({}, { type: 'COARRI', body: COARRI_LOADING }));
    expect(outcome.reasons).toEqual([]);
    expect(outcome.contrl.text).toContain("UCM+M1+COARRI:D:95B:UN+7'");
    expect(outcome.mapped.map((m) => m.message)).toEqual([
      {
        messageId: 'QCT-LR-0302-17',
        source: 'LAND_SEA_CORRIDOR',
        sentAt: '2026-03-02T15:05:00+08:00',
        kind: 'LOADING',
        containerNo: 'CSQU3054383',
        operation: 'LOAD',
        classifier: 'ACT',
        eventTime: '2026-03-02T14:32:00+08:00',
        location: { locode: 'CNQZH', facility: 'QCT' },
        conveyance: { mode: 'VESSEL', imo: '9456719', voyage: '026E' },
        documents: [{ type: 'BILL_OF_LADING', ref: 'COSU6123456780' }],
        emptyIndicator: 'LADEN',
        isoSizeType: '45G1',
        seals: ['CN8812345'],
      },
    ]);
  });

  it('maps a COARRI discharge report (BGM+98, DTM+203) to DISCHARGE at its place of discharge, not the container’s port of loading', () => {
    const outcome = readInterchange(
      interchangeBytes({ sender: 'SHPORTEDI' }, { type: 'COARRI', body: COARRI_DISCHARGE }),
    );
    expect(outcome.reasons).toEqual([]);
    expect(outcome.mapped.map((m) => m.message)).toEqual([
      expect.objectContaining({
        containerNo: 'MSKU1234565',
        operation: 'DISCHARGE',
        eventTime: '2026-03-02T06:50:00Z',
        location: { locode: 'CNSGH', facility: 'YSP' },
        conveyance: { mode: 'BARGE', name: 'CHANGHANG 3', voyage: 'CJ2603' },
        emptyIndicator: 'EMPTY',
      }),
    ]);
  });

  it.each([
    ['34', 'GATE_IN'],
    ['36', 'GATE_OUT'],
  ])('maps a CODECO with BGM+%s (DTM+7, LOC+165) to %s by the truck of its equipment group', (code, operation) => {
    const outcome = readInterchange(interchangeBytes({}, { type: 'CODECO', body: gate(code, `QCT-G-${code}`) }));
    expect(outcome.reasons).toEqual([]);
    expect(outcome.mapped.map((m) => m.message)).toEqual([
      expect.objectContaining({
        messageId: `QCT-G-${code}`,
        containerNo: 'CSQU3054383',
        operation,
        eventTime: '2026-03-01T19:02:00+08:00',
        location: { locode: 'CNQZH', facility: 'QCT' },
        conveyance: { mode: 'TRUCK', plate: 'GUI A12345' },
        emptyIndicator: 'LADEN',
        seals: ['CN8812345'],
      }),
    ]);
  });

  it('refuses the guides’ own time format 203 (no zone) with APERAK NOZONE', () => {
    const unzoned = COARRI_LOADING.replace('DTM+203:202603021432?+08:303', 'DTM+203:202603021432:203');
    const outcome = readInterchange(interchangeBytes({}, { type: 'COARRI', body: unzoned }));
    expect(outcome.mapped).toEqual([]);
    expect(outcome.reasons).toEqual([expect.stringMatching(/^message M1 \(COARRI\): NOZONE: DTM \(segment 11\)/)]);
  });
});

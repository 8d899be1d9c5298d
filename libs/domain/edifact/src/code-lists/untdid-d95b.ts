/**
 * UNTDID D.95B, the directory the centres' COARRI, CODECO and CUSCAR name in UNH (D:95B): an extract of the lists
 * whose codes the simulator writes in those messages, with their D.95B names. A D:95B message carries these, or the
 * SMDG guides' own codes (./smdg-guides.ts); the later codes (1001 109, 111, 119, 122; 2005 403, 404; 2379 205; 3227
 * 175) are not in D.95B.
 *
 * Source: php-edifact/edifact-mapping, src/Mapping/D95B/codes.xml at commit 97157f329e2f344a5b3eb56a939cff0e8fc4359a.
 * That copy's 1001 names for 34, 36, 44 and 46 were edited to an SMDG use (Gate In, Gate Out, Discharge, Loading):
 * only 785 is taken from its 1001 list. Its 2005 list ends at 354 (no 403, 404), its 2379 list has 203, 204, 303 and
 * 304 but not 205, its 3227 list ends at 161 (no 165, 175).
 */
export const D95B_DOCUMENT_NAMES = {
  '785': 'Cargo manifest',
} as const;

export const D95B_DATE_TIME_QUALIFIERS = {
  '7': 'Effective date/time',
  '132': 'Arrival date/time, estimated',
  '133': 'Departure date/time, estimated',
  '137': 'Document/message date/time',
  '182': 'Issue date',
  '203': 'Execution date/time, requested',
  '334': 'Status change date/time',
} as const;

export const D95B_DATE_TIME_FORMATS = {
  '102': 'CCYYMMDD',
  '203': 'CCYYMMDDHHMM',
  '303': 'CCYYMMDDHHMMZZZ',
  '304': 'CCYYMMDDHHMMSSZZZ',
} as const;

export const D95B_LOCATION_QUALIFIERS = {
  '8': 'Place of destination',
  '9': 'Place/port of loading',
  '11': 'Place/port of discharge',
  '147': 'Stowage cell',
} as const;

export const D95B_REFERENCE_QUALIFIERS = {
  AAM: 'Waybill number',
  ABT: 'Customs declaration number',
  ACW: 'Reference number to previous message',
  AFB: 'Cargo manifest number',
  BM: 'Bill of lading number',
  INO: 'Interchange number old',
  RCN: 'Railway consignment note number',
} as const;

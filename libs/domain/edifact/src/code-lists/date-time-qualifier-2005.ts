/**
 * UNTDID 2005 Date or time or period function code qualifier (DTM C507): an extract, with the names of UNTDID
 * D.00B. 203 is here to show that its UN name is a requested (banking) date: the platform reads it only in a COARRI,
 * as the SMDG D.95B guides use it for the time of the move (./smdg-guides.ts).
 *
 * Source: php-edifact/edifact-mapping, src/Mapping/D00B/codes.xml at commit b9ca5b565514868e25029802f0c5e9b3071255e8.
 */
export const DATE_TIME_QUALIFIERS = {
  '7': 'Effective date/time',
  '132': 'Arrival date/time, estimated',
  '133': 'Departure date/time, estimated',
  '137': 'Document/message date/time',
  '182': 'Issue date',
  '203': 'Execution date/time, requested',
  '334': 'Status change date/time',
  '403': 'Discharge date/time, actual',
  '404': 'Loading date/time, actual',
} as const;

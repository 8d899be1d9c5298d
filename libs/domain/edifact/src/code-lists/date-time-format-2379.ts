/**
 * UNTDID 2379 Date or time or period format code (DTM C507): an extract, with the names of UNTDID D.00B. 303 and
 * 304 add a time zone ("Z = Time zone") to 203 and 204; 205 gives the zone as an offset from UTC (ZHHMM).
 *
 * Source: php-edifact/edifact-mapping, src/Mapping/D00B/codes.xml at commit b9ca5b565514868e25029802f0c5e9b3071255e8.
 */
export const DATE_TIME_FORMATS = {
  '102': 'CCYYMMDD',
  '203': 'CCYYMMDDHHMM',
  '204': 'CCYYMMDDHHMMSS',
  '205': 'CCYYMMDDHHMMZHHMM',
  '303': 'CCYYMMDDHHMMZZZ',
  '304': 'CCYYMMDDHHMMSSZZZ',
} as const;

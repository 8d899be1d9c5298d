/**
 * The maximum length of the coded data elements the platform writes its agreed codes in (all alphanumeric, an..n),
 * as UNTDID D.00B gives them: an agreed code must fit its element.
 *
 * Source: php-edifact/edifact-mapping, src/Mapping/D00B/segments.xml at commit
 * 0865a38657ec1e7b9d4ef997b135f716893a97de (ERC C901 9321, GIS C529 7365, STS C555 4405 as in its FNS/DSI
 * segments, BGM 1001 and 1225, DTM 2005 and 2379, EQD 8053 and 8169, C517 1131 and 3055).
 */
export const MAX_LENGTHS = {
  /** Document name code (BGM). */
  '1001': 3,
  /** Message function code (BGM). */
  '1225': 3,
  /** Date or time or period function code qualifier (DTM). */
  '2005': 3,
  /** Date or time or period format code (DTM). */
  '2379': 3,
  /** Status description code (STS C555). */
  '4405': 3,
  /** Processing indicator description code (GIS C529). */
  '7365': 3,
  /** Application error code (ERC C901). */
  '9321': 8,
  /** Code list identification code. */
  '1131': 17,
  /** Code list responsible agency code. */
  '3055': 3,
} as const;

/**
 * ISO 9735 service code lists that CONTRL carries: extracts, names as published.
 * - 0083 Action code: UN/EDIFACT service code list UNSL.19A (syntax version 3),
 *   https://www.gefeg.com/jswg/cl/v3/19a/cl15.htm.
 * - 0085 Syntax error code: https://service.gefeg.com/jwg1/Current/cl/cl15.htm (ISO 9735 part 11 code lists, D.23A)
 *   for 2 to 15; 18 to 33 as the UNTDID D.00A service code list names them (rendered at
 *   https://kasoftware.com/schema/edi/edifact/D00A/segments/UCI).
 */
export const CONTRL_ACTIONS = {
  '4': 'This level and all lower levels rejected',
  '7': 'This level acknowledged, next lower level acknowledged if not explicitly rejected',
} as const;

export const SYNTAX_ERROR_CODES = {
  '2': 'Syntax version or level not supported',
  '7': 'Interchange recipient not actual recipient',
  '13': 'Missing',
  '14': 'Value not supported in this position',
  '15': 'Not supported in this position',
  '18': 'Unspecified error',
  '21': 'Invalid character(s)',
  '23': 'Unknown Interchange sender',
  '26': 'Duplicate detected',
  '28': 'References do not match',
  '29': 'Control count does not match number of instances received',
  '33': 'Invalid occurrence outside message or functional group',
} as const;

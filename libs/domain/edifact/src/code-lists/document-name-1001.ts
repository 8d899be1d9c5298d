/**
 * UNTDID 1001 Document name code (BGM C002): an extract. Only the codes the platform reads or writes, with their names
 * as UN/CEFACT publishes them. 34, 36, 46 and 98 are here to show that their UN names are other documents: the
 * platform reads them only as the SMDG D.95B guides use them (./smdg-guides.ts).
 *
 * Source: uncefact/vocabulary-outputs, _data/documentcodelist.json at commit
 * 1cd36eeca819236d7e61265f96e31b7f2dcd12ac (the current UNCL). Checked against UNTDID D.00B
 * (php-edifact/edifact-mapping src/Mapping/D00B/codes.xml at b9ca5b565514868e25029802f0c5e9b3071255e8), which has
 * the same names for 23, 34, 36, 44, 46 and 98. D.95B has none of 109, 111, 119, 122.
 */
export const DOCUMENT_NAME_CODES = {
  '23': 'Status information',
  '34': 'Cargo status',
  '36': 'Identity card',
  '44': 'Transport status report',
  '46': 'Banking status',
  '98': 'Arrival information',
  '109': 'Transport movement gate in report',
  '111': 'Transport movement gate out report',
  '119': 'Transport discharge report',
  '122': 'Transport loading report',
  '305': 'Application error and acknowledgement',
  '785': 'Cargo manifest',
} as const;

/**
 * UNTDID 1153 Reference code qualifier (RFF C506): an extract, with the names of UNTDID D.00B. The document
 * references name their document's 1001 code: AAM 700 Waybill, BM 705 Bill of lading, RCN 720 Rail consignment
 * note, AFB 785 Cargo manifest.
 *
 * Source: php-edifact/edifact-mapping, src/Mapping/D00B/codes.xml at commit b9ca5b565514868e25029802f0c5e9b3071255e8.
 */
export const REFERENCE_QUALIFIERS = {
  AAM: 'Waybill number',
  ABT: 'Customs declaration number',
  ACW: 'Reference number to previous message',
  AFB: 'Cargo manifest number',
  BM: 'Bill of lading number',
  INO: 'Interchange number old',
  RCN: 'Railway consignment note number',
} as const;

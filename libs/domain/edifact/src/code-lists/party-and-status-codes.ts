/**
 * Smaller code lists, extracts with the names of UNTDID D.00B (php-edifact/edifact-mapping,
 * src/Mapping/D00B/codes.xml at commit b9ca5b565514868e25029802f0c5e9b3071255e8), but 1225 (current UNCL:
 * uncefact/vocabulary-outputs _data/messagefunctioncodelist.json at 17603cba61fbe14a3782809c2af0b9db85e19fd2) and
 * 3055 (https://www.unece.org/trade/untdid/d00a/tred/tred3055.htm).
 */

/** 3035 Party function code qualifier (NAD). */
export const PARTY_ROLES = {
  CA: 'Carrier',
  CB: 'Customs broker',
} as const;

/** 1225 Message function code (BGM). */
export const MESSAGE_FUNCTIONS = {
  '1': 'Cancellation',
  '5': 'Replace',
  '9': 'Original',
  '27': 'Not accepted',
} as const;

/** 9303 Sealing party name code (SEL C215). */
export const SEALING_PARTIES = {
  CA: 'Carrier',
} as const;

/** 9015 Status category code (STS C601). */
export const STATUS_CATEGORIES = {
  '1': 'Transport',
} as const;

/** 1131 Code list identification code (in LOC C517, TDT C222, EQD C224, NAD C082). */
export const CODE_LIST_QUALIFIERS = {
  '102': 'Size and type',
  '139': 'Port',
  '146': 'Means of transport identification',
  '160': 'Party identification',
} as const;

/** 3055 Code list responsible agency code. */
export const RESPONSIBLE_AGENCIES = {
  '5': 'ISO (International Organization for Standardization)',
  '6': 'UN/ECE (United Nations - Economic Commission for Europe)',
  '11': "Lloyd's register of shipping",
} as const;

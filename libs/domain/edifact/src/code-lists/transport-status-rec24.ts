/**
 * UN/ECE Recommendation No. 24, Trade and transport status codes: an extract. UNTDID 4405 (Status description code,
 * STS C555) says "For transport status, use UN/ECE Recommendation 24"; these are the codes IFTSTA carries there.
 *
 * Source: uncefact/vocab-codes, CLR/Rec24/current/code-list.csv at commit 05d6f5741cc0afd149661335d6cfa1a0da01d820;
 * the note: https://service.unece.org/trade/untdid/d08a/tred/tred4405.htm.
 */
export const TRANSPORT_STATUS_CODES = {
  '1': 'Arrival, completed',
  '12': 'Cleared, by customs',
  '16': 'Crossed border',
  '24': 'Departure, completed',
  '28': 'Stripped',
  '93': 'Stuffed',
  '100': 'Transshipment',
  '228': 'Inspection required by authority',
  '368': 'Transshipment to another wagon',
} as const;

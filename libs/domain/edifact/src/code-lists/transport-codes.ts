/**
 * Transport code lists, extracts with the names UN/CEFACT publishes (current UNCL):
 * - 8051 Transport stage code qualifier (TDT): uncefact/vocabulary-outputs _data/transportmovementstagecodelist.json
 *   at commit 17603cba61fbe14a3782809c2af0b9db85e19fd2;
 * - 8067 Transport mode name code (TDT C220, UN/ECE Recommendation 19): _data/transportmodecodelist.json at
 *   162032d5e9db19f79bd29ff3ccfee6a39cf57d08;
 * - 8053 Equipment type code qualifier (EQD): _data/transportequipmentcategorycodelist.json at
 *   17603cba61fbe14a3782809c2af0b9db85e19fd2;
 * - 8169 Full or empty indicator code (EQD): _data/transportequipmentfullnesscodelist.json at
 *   1cd36eeca819236d7e61265f96e31b7f2dcd12ac.
 */
export const TRANSPORT_STAGES = {
  '20': 'Main-carriage transport',
  '30': 'On-carriage transport',
} as const;

export const TRANSPORT_MODES = {
  '1': 'Maritime transport',
  '2': 'Rail transport',
  '3': 'Road transport',
  '8': 'Inland water transport',
} as const;

export const EQUIPMENT_TYPES = {
  CN: 'Container',
} as const;

export const FULL_EMPTY_INDICATORS = {
  '4': 'Empty',
  '5': 'Full',
} as const;

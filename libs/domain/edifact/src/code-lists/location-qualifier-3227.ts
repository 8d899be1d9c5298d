/**
 * UNTDID 3227 Location function code qualifier (LOC): an extract, with the names of UNTDID D.00B. 165 is here to
 * show that its UN name is a country: the platform reads it only in a COARRI or CODECO, as the SMDG D.95B guides use
 * it for the place of the move (./smdg-guides.ts). D.95B's list ends at 161: it has neither 165 nor 175.
 *
 * Source: php-edifact/edifact-mapping, src/Mapping/D00B/codes.xml at commit b9ca5b565514868e25029802f0c5e9b3071255e8
 * (D.95B: the same project's src/Mapping/D95B/codes.xml at 97157f329e2f344a5b3eb56a939cff0e8fc4359a). The current
 * UNCL (uncefact/vocabulary-outputs _data/locationfunctioncodelist.json at 1cd36eeca819236d7e61265f96e31b7f2dcd12ac)
 * names 11 "Place of discharge" and 147 "Transport means stowage location", and has 165 and 175 as here.
 */
export const LOCATION_QUALIFIERS = {
  '8': 'Place of destination',
  '9': 'Place/port of loading',
  '11': 'Place/port of discharge',
  '147': 'Stowage cell',
  '165': 'Construction country',
  '175': 'Activity location',
} as const;

/**
 * Where the platform's responses differ from what DCSA's own files say, and why: each is applied to a copy of
 * DCSA's document in memory before the tests validate against it (the vendored files stay byte for byte DCSA's).
 * Every one is checked to be still needed (dcsa-document.spec.ts): a sample the platform sends fails DCSA's
 * document without it. docs/partner-api.md lists them for partners.
 */
export interface Deviation {
  readonly id: string;
  /** Where in DCSA's files, as a JSON pointer into the file named. */
  readonly where: { readonly file: 'tnt_v2.2.0.resolved.yaml'; readonly pointer: string };
  readonly why: string;
  /** Changes the parsed copy of the file. */
  readonly patch: (schema: Record<string, unknown>) => void;
  /** A value the platform sends at that place that DCSA's file refuses (schema name, value). */
  readonly sample: { readonly schema: string; readonly value: unknown };
}

const VESSEL_EVENT = {
  eventID: '5e3d2a1c-7b4f-8a9e-b0c1-d2e3f4a5b6c7',
  eventCreatedDateTime: '2026-03-01T08:00:00.000001Z',
  eventType: 'TRANSPORT',
  eventClassifierCode: 'ACT',
  eventDateTime: '2026-03-01T07:58:00+08:00',
  transportEventTypeCode: 'DEPA',
  transportCall: {
    transportCallID: 'VESSEL:9321483:2026W09@CNQZH',
    modeOfTransport: 'VESSEL',
    UNLocationCode: 'CNQZH',
    exportVoyageNumber: '2026W09',
    vessel: { vesselIMONumber: '9321483' },
  },
  documentReferences: [{ documentReferenceType: 'TRD', documentReferenceValue: 'QZBL2026000123' }],
};

export const DEVIATIONS: readonly Deviation[] = [
  {
    id: 'documentReferenceType-TRD',
    where: {
      file: 'tnt_v2.2.0.resolved.yaml',
      pointer: '/components/schemas/DocumentReference/properties/documentReferenceType/enum',
    },
    why:
      "DCSA spells the values of documentReferenceType with their descriptions ('TRD (Transport Document)', " +
      "'BKG (Booking)'), here and in EVENT_DOMAIN 1.0.3, while its own examples and every later version use the " +
      "bare code. The platform sends 'TRD', as a receiver expects.",
    patch: (doc) => {
      const enumeration = pointer(doc, '/components/schemas/DocumentReference/properties/documentReferenceType') as {
        enum: string[];
      };
      enumeration.enum = [...enumeration.enum, 'BKG', 'TRD'];
    },
    sample: { schema: 'TransportEvent', value: VESSEL_EVENT },
  },
  {
    id: 'transportCall-vessel-object',
    where: { file: 'tnt_v2.2.0.resolved.yaml', pointer: '/components/schemas/TransportCall/properties/vessel' },
    why:
      'The export makes transportCall.vessel a string; EVENT_DOMAIN (1.0.3 and on) makes it the vessel object, which ' +
      "the same export defines as 'Vessel' (vesselIMONumber required). The platform sends the object.",
    patch: (doc) => {
      const call = pointer(doc, '/components/schemas/TransportCall/properties') as Record<string, unknown>;
      call.vessel = { $ref: '#/components/schemas/Vessel' };
    },
    sample: { schema: 'TransportEvent', value: VESSEL_EVENT },
  },
  {
    id: 'transportCall-exportVoyageNumber-length',
    where: {
      file: 'tnt_v2.2.0.resolved.yaml',
      pointer: '/components/schemas/TransportCall/properties/exportVoyageNumber/maxLength',
    },
    why:
      "The export gives exportVoyageNumber UNLocationCode's maxLength (5) and example (FRPAR); DCSA_DOMAIN 1.0.3 and " +
      'the GET /v2/events parameter of the same name allow 50 characters, and voyage numbers are often longer than 5.',
    patch: (doc) => {
      const voyage = pointer(doc, '/components/schemas/TransportCall/properties/exportVoyageNumber') as {
        maxLength: number;
      };
      voyage.maxLength = 50;
    },
    sample: { schema: 'TransportEvent', value: VESSEL_EVENT },
  },
];

/** The value at a JSON pointer (RFC 6901) of a parsed document. */
export function pointer(doc: unknown, path: string): unknown {
  return path
    .split('/')
    .slice(1)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], doc);
}

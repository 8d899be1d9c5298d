import { makeContainerNo, TOPICS } from '@mmt/contracts';
import type { RawTopic } from '@mmt/contracts';
import { MAX_CONTAINERS_PER_DOCUMENT, MAX_RAW_MESSAGE_BYTES, MAX_SEALS } from './limits';
import { parseRawMessage } from './parse-raw-message';
import {
  bytes,
  CONTAINERS,
  inTransitPerContainer,
  inTransitPerConveyance,
  loading,
  manifest,
  schedule,
  VALID,
  waybill,
  type Json,
  type JsonRecord,
} from './testing/raw-message.factory';

function errorsOf(topic: RawTopic, value: unknown): string[] {
  const result = parseRawMessage(topic, Buffer.isBuffer(value) ? value : bytes(value));
  if (result.ok) {
    throw new Error(`expected ${topic} to reject ${JSON.stringify(value).slice(0, 200)}`);
  }
  return result.errors;
}

function withField(record: JsonRecord, path: readonly (string | number)[], value: Json | undefined): JsonRecord {
  const copy = structuredClone(record);
  let node: Json = copy;
  for (const step of path.slice(0, -1)) {
    node = (node as Record<string | number, Json>)[step];
  }
  const last = path[path.length - 1];
  const parent = node as Record<string | number, Json>;
  if (value === undefined) {
    delete parent[last];
  } else {
    parent[last] = value;
  }
  return copy;
}

const IT = TOPICS.rawInTransit;
const MF = TOPICS.rawManifest;
const WB = TOPICS.rawWaybill;
const LD = TOPICS.rawLoading;
const SC = TOPICS.rawSchedule;
const FIXTURE: Readonly<Record<RawTopic, () => JsonRecord>> = {
  [IT]: inTransitPerContainer,
  [MF]: manifest,
  [WB]: waybill,
  [LD]: loading,
  [SC]: schedule,
};

describe(parseRawMessage.name, () => {
  describe('accepts a valid message of each kind', () => {
    it.each(VALID.map((v) => [v.name, v.topic, v.make] as const))('%s', (_name, topic, make) => {
      const result = parseRawMessage(topic, bytes(make()));
      expect(result).toEqual({ ok: true, message: make() });
    });

    it('accepts a loading report with only the required fields', () => {
      const minimal = {
        kind: 'LOADING',
        messageId: 'cp-1',
        source: 'COASTAL_PORT',
        sentAt: '2026-03-01T00:00:00Z',
        containerNo: CONTAINERS[0],
        operation: 'GATE_IN',
        eventTime: '2026-03-01T00:00:00.123456Z',
        location: { locode: 'CNSGH' },
      };
      expect(parseRawMessage(LD, bytes(minimal))).toEqual({ ok: true, message: minimal });
    });

    it('accepts a per-container PASSED report without a conveyance', () => {
      const report = withField({ ...inTransitPerContainer(), status: 'PASSED' }, ['conveyance'], undefined);
      expect(parseRawMessage(IT, bytes(report)).ok).toBe(true);
    });

    it('ignores and drops unknown extra fields, at the top and nested', () => {
      const extra: JsonRecord = { ...manifest(), vendorField: { anything: [1, 2] } };
      const lines = extra['containers'] as JsonRecord[];
      lines[0] = { ...lines[0], note: 'fragile' };
      expect(parseRawMessage(MF, bytes(extra))).toEqual({ ok: true, message: manifest() });
    });

    it('accepts a message of exactly the size limit', () => {
      const base = bytes(loading()).length;
      const padded = { ...loading(), padding: 'x'.repeat(MAX_RAW_MESSAGE_BYTES - base - ',"padding":""'.length) };
      expect(bytes(padded).length).toBe(MAX_RAW_MESSAGE_BYTES);
      expect(parseRawMessage(LD, bytes(padded)).ok).toBe(true);
    });
  });

  describe('bytes and shape', () => {
    it('rejects a message over 1 MiB', () => {
      const big = Buffer.alloc(MAX_RAW_MESSAGE_BYTES + 1, 0x20);
      expect(errorsOf(LD, big)).toEqual(['message: 1048577 bytes is more than the limit of 1048576 bytes (1 MiB)']);
    });

    it('rejects bytes that are not UTF-8', () => {
      expect(errorsOf(LD, Buffer.from([0x7b, 0xff, 0xfe, 0x7d]))).toEqual(['message: not valid UTF-8']);
    });

    it('rejects text that is not JSON', () => {
      expect(errorsOf(LD, Buffer.from('{"kind": "LOADING",', 'utf8'))).toEqual([
        expect.stringMatching(/^message: not valid JSON \(.+\)$/),
      ]);
    });

    it.each([
      ['[]', 'array'],
      ['"LOADING"', 'string'],
      ['null', 'null'],
      ['42', 'number'],
    ])('rejects JSON %s that is not an object', (text, type) => {
      expect(errorsOf(LD, Buffer.from(text, 'utf8'))).toEqual([`message: must be a JSON object, got ${type}`]);
    });

    it('rejects a topic that is not a raw topic', () => {
      expect(errorsOf('tracking.events.v1' as RawTopic, loading())).toEqual([
        'topic: "tracking.events.v1" is not a raw topic',
      ]);
    });
  });

  describe('kind', () => {
    it('rejects a kind that does not belong on the topic', () => {
      expect(errorsOf(IT, manifest())[0]).toBe(
        'kind: "MANIFEST" does not belong on raw.in-transit.v1, which carries IN_TRANSIT',
      );
    });

    it('requires kind', () => {
      expect(errorsOf(WB, withField(waybill(), ['kind'], undefined))).toEqual([
        'kind: required (WAYBILL on raw.waybill.v1)',
      ]);
    });
  });

  describe('required fields and types', () => {
    it.each([
      [IT, 'messageId'],
      [IT, 'classifier'],
      [MF, 'manifestNo'],
      [MF, 'carrier'],
      [WB, 'cargoDescription'],
      [WB, 'coldChain'],
      [LD, 'operation'],
      [LD, 'location'],
    ] as const)('%s requires %s', (topic, field) => {
      expect(errorsOf(topic, withField(FIXTURE[topic](), [field], undefined))).toEqual([`${field}: required`]);
    });

    it('names nested required fields by path', () => {
      expect(errorsOf(MF, withField(manifest(), ['containers', 1, 'documents'], undefined))).toEqual([
        'containers[1].documents: required',
      ]);
      expect(errorsOf(MF, withField(manifest(), ['carrier', 'orgId'], undefined))).toEqual(['carrier.orgId: required']);
    });

    it.each([
      [['sentAt'], 5, 'sentAt: must be a string, got number'],
      [['coldChain'], 'no', 'coldChain: must be a boolean, got string'],
      [['origin'], 'CNCQI', 'origin: must be an object, got string'],
      [['containers'], {}, 'containers: must be an array, got object'],
      [['forwarder'], null, 'forwarder: must be an object, got null'],
      [['containers', 0], 'CRSU3065491', 'containers[0]: must be an object, got string'],
    ] as const)('rejects a wrong type at %j', (path, value, error) => {
      expect(errorsOf(WB, withField(waybill(), path, value))).toEqual([error]);
    });
  });

  describe('enums', () => {
    it.each([
      [IT, ['status'], 'LEFT', 'status: "LEFT" is not one of DEPARTED, ARRIVED, PASSED, TRANSFERRED'],
      [IT, ['classifier'], 'act', 'classifier: "act" is not one of PLN, EST, ACT'],
      [LD, ['source'], 'TRUCKER', 'source: "TRUCKER" is not one of COASTAL_PORT, CHINA_EUROPE_RAIL, LAND_SEA_CORRIDOR'],
      [WB, ['documentType'], 'MANIFEST', 'documentType: "MANIFEST" is not one of WAYBILL, BILL_OF_LADING, CIM_SMGS'],
      [
        WB,
        ['corridor'],
        'SILK_ROAD',
        'corridor: "SILK_ROAD" is not one of CHINA_EUROPE_RAIL, LAND_SEA_CORRIDOR, YANGTZE_RIVER_SEA',
      ],
      [
        MF,
        ['containers', 0, 'emptyIndicator'],
        'FULL',
        'containers[0].emptyIndicator: "FULL" is not one of EMPTY, LADEN',
      ],
      [
        MF,
        ['containers', 0, 'documents', 0, 'type'],
        'BL',
        'containers[0].documents[0].type: "BL" is not one of WAYBILL, BILL_OF_LADING, MANIFEST, CIM_SMGS',
      ],
      [MF, ['conveyance', 'mode'], 'PLANE', 'conveyance.mode: "PLANE" is not one of RAIL, VESSEL, BARGE, TRUCK'],
      [
        LD,
        ['operation'],
        'LIFT',
        expect.stringMatching(/^operation: "LIFT" is not one of LOAD, DISCHARGE, .*INSPECTION, CUSTOMS_DECLARED$/),
      ],
    ] as const)('%s rejects %j = %j', (topic, path, value, error) => {
      expect(errorsOf(topic, withField(FIXTURE[topic](), path, value))).toEqual([error]);
    });
  });

  describe('container numbers (ISO 6346)', () => {
    it('checks the check digit of every manifest line', () => {
      expect(errorsOf(MF, withField(manifest(), ['containers', 1, 'containerNo'], 'MSKU3065491'))).toEqual([
        'containers[1].containerNo: MSKU3065491: ISO 6346 check digit is 0, not 1',
      ]);
    });

    it.each([
      [IT, ['containerNo']],
      [LD, ['containerNo']],
      [WB, ['containers', 1, 'containerNo']],
    ] as const)('checks the check digit in %s at %j', (topic, path) => {
      expect(errorsOf(topic, withField(FIXTURE[topic](), path, 'CSQU3054384'))).toEqual([
        `${path.join('.').replace(/\.(\d+)\./, '[$1].')}: CSQU3054384: ISO 6346 check digit is 3, not 4`,
      ]);
    });

    it('rejects a malformed container number', () => {
      expect(errorsOf(LD, withField(loading(), ['containerNo'], 'CRSU 306549-1'))).toEqual([
        'containerNo: "CRSU 306549-1" is not an ISO 6346 container number (3-letter owner, U/J/Z, 6-digit serial, check digit, e.g. CSQU3054383)',
      ]);
    });

    it('rejects the same container twice in one manifest', () => {
      const doc = manifest();
      const lines = doc['containers'] as JsonRecord[];
      doc['containers'] = [...lines, { containerNo: CONTAINERS[1], documents: [] }];
      expect(errorsOf(MF, doc)).toEqual([
        `containers[2].containerNo: ${CONTAINERS[1]} is listed more than once (first at containers[0].containerNo)`,
      ]);
    });

    it('rejects the same container twice in one waybill', () => {
      const doc = withField(waybill(), ['containers', 1, 'containerNo'], CONTAINERS[0]);
      expect(errorsOf(WB, doc)).toEqual([
        `containers[1].containerNo: ${CONTAINERS[0]} is listed more than once (first at containers[0].containerNo)`,
      ]);
    });
  });

  describe('places (UN/LOCODE and the catalogue)', () => {
    it('rejects a malformed LOCODE', () => {
      expect(errorsOf(LD, withField(loading(), ['location', 'locode'], 'by-bqt'))).toEqual([
        'location.locode: "by-bqt" is not a UN/LOCODE (2-letter country, 3 letters or digits 2-9)',
      ]);
    });

    it('rejects a LOCODE that is not on the corridors', () => {
      expect(errorsOf(MF, withField(manifest(), ['placeOfDischarge', 'locode'], 'USNYC'))).toEqual([
        "placeOfDischarge.locode: USNYC is not a location on the platform's corridors",
      ]);
    });

    it('rejects a facility not in the catalogue for its LOCODE', () => {
      expect(
        errorsOf(IT, withField(inTransitPerContainer(), ['estimatedArrival', 'location', 'facility'], 'TJC')),
      ).toEqual(['estimatedArrival.location.facility: DEDUI has no facility "TJC" in the catalogue']);
    });
  });

  describe('date-times', () => {
    it.each([
      [IT, ['eventTime']],
      [IT, ['sentAt']],
      [IT, ['estimatedArrival', 'time']],
      [MF, ['eventTime']],
      [WB, ['plannedDeparture']],
      [WB, ['plannedArrival']],
      [LD, ['eventTime']],
    ] as const)('%s requires a UTC offset on %j', (topic, path) => {
      expect(errorsOf(topic, withField(FIXTURE[topic](), path, '2026-03-01T10:00:00'))).toEqual([
        `${path.join('.')}: "2026-03-01T10:00:00" has no UTC offset`,
      ]);
    });

    it.each(['2026-03-01', '2026-03-01 10:00:00Z', '01/03/2026 10:00', '2026-03-01T10:00:00+0800', 'yesterday'])(
      'rejects %j as not an ISO 8601 date-time',
      (text) => {
        expect(errorsOf(LD, withField(loading(), ['eventTime'], text))).toEqual([
          `eventTime: "${text}" is not an ISO 8601 date-time (e.g. 2026-03-01T10:00:00+08:00)`,
        ]);
      },
    );

    it.each(['2026-02-29T10:00:00Z', '2026-03-01T24:00:00Z', '2026-03-01T10:60:00+08:00', '2026-03-01T10:00:00+25:00'])(
      'rejects the out-of-range date-time %j',
      (text) => {
        expect(errorsOf(LD, withField(loading(), ['eventTime'], text))).toEqual([
          `eventTime: "${text}" is not a valid date-time (month, day, hour, minute, second or offset out of range)`,
        ]);
      },
    );

    it('requires a rail departureDate as YYYY-MM-DD', () => {
      expect(errorsOf(LD, withField(loading(), ['conveyance', 'departureDate'], '2026-03-08T00:00:00Z'))).toEqual([
        'conveyance.departureDate: "2026-03-08T00:00:00Z" is not a date YYYY-MM-DD',
      ]);
      expect(errorsOf(LD, withField(loading(), ['conveyance', 'departureDate'], '2026-02-30'))).toEqual([
        'conveyance.departureDate: "2026-02-30" is not a valid calendar date',
      ]);
    });
  });

  describe('time ranges', () => {
    it('rejects an event before 2000-01-01', () => {
      expect(errorsOf(LD, withField(loading(), ['eventTime'], '1999-12-31T23:59:59Z'))).toEqual([
        'eventTime: 1999-12-31T23:59:59Z is before 2000-01-01',
      ]);
    });

    it('rejects an event more than 400 days after sentAt', () => {
      expect(errorsOf(LD, withField(loading(), ['eventTime'], '2027-04-12T14:10:01+03:00'))).toEqual([
        'eventTime: 2027-04-12T14:10:01+03:00 is more than 400 days after sentAt (2026-03-08T14:10:00+03:00)',
      ]);
      expect(parseRawMessage(LD, bytes(withField(loading(), ['eventTime'], '2027-04-12T14:10:00+03:00'))).ok).toBe(
        true,
      );
    });

    it('rejects an estimated arrival more than 400 days after sentAt', () => {
      expect(
        errorsOf(IT, withField(inTransitPerContainer(), ['estimatedArrival', 'time'], '2030-01-01T00:00:00Z')),
      ).toEqual([
        'estimatedArrival.time: 2030-01-01T00:00:00Z is more than 400 days after sentAt (2026-03-01T10:05:00+08:00)',
      ]);
    });

    it("rejects a waybill's planned arrival before its planned departure", () => {
      expect(errorsOf(WB, withField(waybill(), ['plannedArrival'], '2026-03-01T01:59:59Z'))).toEqual([
        'plannedArrival: 2026-03-01T01:59:59Z is before plannedDeparture (2026-03-01T10:00:00+08:00)',
      ]);
      expect(parseRawMessage(WB, bytes(withField(waybill(), ['plannedArrival'], '2026-03-01T02:00:00Z'))).ok).toBe(
        true,
      );
    });
  });

  describe('conveyances', () => {
    it('requires an IMO number of 7 digits', () => {
      expect(errorsOf(MF, withField(manifest(), ['conveyance', 'imo'], 'IMO9321483'))).toEqual([
        'conveyance.imo: "IMO9321483" is not an IMO number (7 digits)',
      ]);
    });

    it('requires the fields of the conveyance mode', () => {
      expect(errorsOf(MF, withField(manifest(), ['conveyance'], { mode: 'BARGE', name: 'Changjiang 7' }))).toEqual([
        'conveyance.voyage: required',
      ]);
      expect(errorsOf(MF, withField(manifest(), ['conveyance'], { trainNo: 'X8001' }))).toEqual([
        'conveyance.mode: required',
      ]);
    });

    it('requires a conveyance or a container number on an in-transit report', () => {
      const report = withField({ ...inTransitPerConveyance(), status: 'PASSED' }, ['conveyance'], undefined);
      expect(errorsOf(IT, report)).toEqual([
        'conveyance: required when there is no containerNo (a report names a conveyance, a container or both)',
      ]);
    });

    it.each(['DEPARTED', 'ARRIVED'])('requires a conveyance for %s', (status) => {
      const report = withField({ ...inTransitPerContainer(), status }, ['conveyance'], undefined);
      expect(errorsOf(IT, report)).toEqual(['conveyance: required for DEPARTED/ARRIVED']);
    });

    it('requires the customs broker of a CUSTOMS_DECLARED report', () => {
      expect(errorsOf(LD, { ...FIXTURE[LD](), operation: 'CUSTOMS_DECLARED' })).toEqual([
        'customsBroker: required for CUSTOMS_DECLARED: the customs broker that lodged the declaration',
      ]);
    });
  });

  describe('lengths and counts', () => {
    it('limits string lengths', () => {
      expect(errorsOf(LD, withField(loading(), ['messageId'], 'm'.repeat(129)))).toEqual([
        'messageId: is 129 characters long, more than the limit of 128',
      ]);
      expect(errorsOf(WB, withField(waybill(), ['cargoDescription'], 'c'.repeat(2001)))).toEqual([
        'cargoDescription: is 2001 characters long, more than the limit of 2000',
      ]);
    });

    it('rejects empty strings', () => {
      expect(errorsOf(WB, withField(waybill(), ['shipper', 'name'], '  '))).toEqual([
        'shipper.name: must not be empty',
      ]);
    });

    it(`allows at most ${MAX_CONTAINERS_PER_DOCUMENT} containers per manifest`, () => {
      const lines = Array.from({ length: MAX_CONTAINERS_PER_DOCUMENT + 1 }, (_, i) => ({
        containerNo: makeContainerNo('CRSU', i),
        documents: [],
      }));
      expect(errorsOf(MF, { ...manifest(), containers: lines })).toEqual([
        'containers: has 501 items, more than the limit of 500',
      ]);
      expect(parseRawMessage(MF, bytes({ ...manifest(), containers: lines.slice(1) })).ok).toBe(true);
    });

    it(`allows at most ${MAX_CONTAINERS_PER_DOCUMENT} containers per waybill`, () => {
      const containers = Array.from({ length: MAX_CONTAINERS_PER_DOCUMENT + 1 }, (_, i) => ({
        containerNo: makeContainerNo('TGHU', i),
      }));
      expect(errorsOf(WB, { ...waybill(), containers })).toEqual([
        'containers: has 501 items, more than the limit of 500',
      ]);
    });

    it('requires at least one container', () => {
      expect(errorsOf(WB, { ...waybill(), containers: [] })).toEqual(['containers: must have at least 1 item']);
    });

    it(`allows at most ${MAX_SEALS} seals`, () => {
      const seals = Array.from({ length: MAX_SEALS + 1 }, (_, i) => `S${i}`);
      expect(errorsOf(LD, { ...loading(), seals })).toEqual(['seals: has 21 items, more than the limit of 20']);
    });

    it('checks the ISO size-type code', () => {
      expect(errorsOf(LD, { ...loading(), isoSizeType: '40HC' + 'X' })).toEqual([
        'isoSizeType: "40HCX" is not an ISO 6346 size-type code (4 characters, e.g. 22G1, 45G1)',
      ]);
    });
  });

  describe('retractions', () => {
    it('rejects a message that retracts itself', () => {
      expect(errorsOf(LD, { ...loading(), retractsMessageId: 'cer-ld-0001' })).toEqual([
        'retractsMessageId: a message cannot retract itself (equals messageId)',
      ]);
    });
  });

  it('collects every problem, not only the first', () => {
    const bad = {
      ...waybill(),
      sentAt: '2026-02-27T09:00:00',
      status: 'LOST',
      origin: { locode: 'CNCKG' },
      containers: [{ containerNo: 'CRSU3065490' }, { containerNo: CONTAINERS[3], isoSizeType: 5 }],
    };
    expect(errorsOf(WB, bad)).toEqual([
      'sentAt: "2026-02-27T09:00:00" has no UTC offset',
      'status: "LOST" is not one of ISSUED, AMENDED, CANCELLED',
      "origin.locode: CNCKG is not a location on the platform's corridors",
      'containers[0].containerNo: CRSU3065490: ISO 6346 check digit is 1, not 0',
      'containers[1].isoSizeType: must be a string, got number',
    ]);
  });
});

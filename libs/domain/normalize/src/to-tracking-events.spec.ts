import { TOPICS } from '@mmt/contracts';
import type { RawInTransit, RawMessage, RawTopic, TrackingEvent } from '@mmt/contracts';
import { eventId } from './event-id';
import { eventsForConveyanceMember } from './map-in-transit';
import { parseRawMessage } from './parse-raw-message';
import {
  bytes,
  CONTAINERS,
  inTransitPerContainer,
  inTransitPerConveyance,
  loading,
  manifest,
  omit,
  waybill,
  type JsonRecord,
} from './testing/raw-message.factory';
import { EQUIPMENT_CODE_OF_OPERATION, toTrackingEvents } from './to-tracking-events';

const ctx = { rawRef: 'raw.loading.v1/3/1042', receivedAt: '2026-03-08T11:10:02.123Z' };

function parsed(topic: RawTopic, record: JsonRecord): RawMessage {
  const result = parseRawMessage(topic, bytes(record));
  if (!result.ok) {
    throw new Error(result.errors.join('\n'));
  }
  return result.message;
}

function inTransit(record: JsonRecord): RawInTransit {
  const message = parsed(TOPICS.rawInTransit, record);
  if (message.kind !== 'IN_TRANSIT') {
    throw new Error('not in-transit');
  }
  return message;
}

function messageIdOf(record: JsonRecord): string {
  const id = record['messageId'];
  return typeof id === 'string' ? id : '';
}

const ids = (events: readonly TrackingEvent[]) => events.map((e) => e.eventId);

describe(toTrackingEvents.name, () => {
  describe('WAYBILL', () => {
    it('gives one SHIPMENT event per container with the document, parties and plan', () => {
      const { events, memberships, conveyanceReports } = toTrackingEvents(parsed(TOPICS.rawWaybill, waybill()), ctx);
      expect(memberships).toEqual([]);
      expect(conveyanceReports).toBeUndefined();
      expect(events.map((e) => e.containerNo)).toEqual([CONTAINERS[0], CONTAINERS[3]]);
      const document = { type: 'CIM_SMGS', ref: 'CIMSMGS-CQ-2026-001' };
      expect(events[0]).toEqual({
        eventId: eventId('CHINA_EUROPE_RAIL', 'cer-wb-0001', CONTAINERS[0], 'main'),
        eventType: 'SHIPMENT',
        classifier: 'ACT',
        eventDateTime: '2026-02-27T08:30:00+08:00',
        eventCreatedDateTime: '2026-02-27T09:00:00+08:00',
        receivedAt: ctx.receivedAt,
        source: { system: 'CHINA_EUROPE_RAIL', rawKind: 'WAYBILL', rawRef: ctx.rawRef },
        containerNo: CONTAINERS[0],
        documents: [document],
        document,
        documentStatus: 'ISSUED',
        parties: [
          { role: 'SHIPPER', orgId: 'ORG-SHIPPER-01', name: 'Chongqing Laptop Works' },
          { role: 'CONSIGNEE', orgId: 'ORG-CONSIGNEE-01', name: 'Duisburg Electronics GmbH' },
          { role: 'FORWARDER', orgId: 'ORG-FWD-01', name: 'Yuxinou Logistics' },
        ],
        origin: { locode: 'CNCQI', facility: 'TJC' },
        destination: { locode: 'DEDUI', facility: 'DIT' },
        corridor: 'CHINA_EUROPE_RAIL',
        coldChain: false,
        cargoDescription: 'Notebook computers',
        plannedDeparture: '2026-03-01T10:00:00+08:00',
        plannedArrival: '2026-03-18T12:00:00+01:00',
        isoSizeType: '45G1',
      });
      expect(events[1]).not.toHaveProperty('isoSizeType');
    });

    it('leaves out the forwarder, corridor and plan when the waybill has none', () => {
      const bare = omit(waybill(), 'forwarder', 'corridor', 'plannedDeparture', 'plannedArrival');
      const [event] = toTrackingEvents(parsed(TOPICS.rawWaybill, bare), ctx).events;
      expect(event.eventType === 'SHIPMENT' && event.parties.map((p) => p.role)).toEqual(['SHIPPER', 'CONSIGNEE']);
      expect(Object.keys(event)).not.toEqual(expect.arrayContaining(['corridor']));
      expect(event).not.toHaveProperty('plannedDeparture');
    });
  });

  describe('MANIFEST', () => {
    it('gives one SHIPMENT event and one conveyance membership per line', () => {
      const { events, memberships } = toTrackingEvents(parsed(TOPICS.rawManifest, manifest()), ctx);
      const manifestDoc = { type: 'MANIFEST', ref: 'MF-QZH-2026-0311' };
      const conveyance = { mode: 'VESSEL', imo: '9321483', voyage: '026S' };
      expect(events[0]).toEqual({
        eventId: eventId('LAND_SEA_CORRIDOR', 'lsc-mf-0001', CONTAINERS[1], 'main'),
        eventType: 'SHIPMENT',
        classifier: 'ACT',
        eventDateTime: '2026-03-02T07:55:00+08:00',
        eventCreatedDateTime: '2026-03-02T08:00:00+08:00',
        receivedAt: ctx.receivedAt,
        source: { system: 'LAND_SEA_CORRIDOR', rawKind: 'MANIFEST', rawRef: ctx.rawRef },
        containerNo: CONTAINERS[1],
        documents: [manifestDoc, { type: 'BILL_OF_LADING', ref: 'BL-QZH-7781' }],
        document: manifestDoc,
        documentStatus: 'FILED',
        parties: [{ role: 'CARRIER', orgId: 'ORG-CARRIER-01', name: 'Beibu Gulf Shipping' }],
        origin: { locode: 'CNQZH', facility: 'QCT' },
        destination: { locode: 'SGSIN', facility: 'PPT' },
        conveyance,
        isoSizeType: '45G1',
      });
      expect(events[1]).toMatchObject({ containerNo: CONTAINERS[2], documents: [manifestDoc] });
      expect(memberships).toEqual([
        {
          conveyanceKey: 'VESSEL:9321483:026S',
          containerNo: CONTAINERS[1],
          documents: [manifestDoc, { type: 'BILL_OF_LADING', ref: 'BL-QZH-7781' }],
        },
        { conveyanceKey: 'VESSEL:9321483:026S', containerNo: CONTAINERS[2], documents: [manifestDoc] },
      ]);
    });
  });

  const BROKER = { orgId: 'org-brk-beibu', name: 'Beibu Gulf Customs Brokerage' };

  describe('LOADING', () => {
    it.each(Object.entries(EQUIPMENT_CODE_OF_OPERATION))('maps %s to an EQUIPMENT %s event', (operation, code) => {
      const report = { ...loading(), operation };
      const withBroker = operation === 'CUSTOMS_DECLARED' ? { ...report, customsBroker: BROKER } : report;
      const { events } = toTrackingEvents(parsed(TOPICS.rawLoading, withBroker), ctx);
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({ eventType: 'EQUIPMENT', equipmentEventTypeCode: code, classifier: 'ACT' });
    });

    it('carries the customs broker and declaration number of a CUSTOMS_DECLARED report', () => {
      const declared = { ...loading(), operation: 'CUSTOMS_DECLARED', customsBroker: BROKER, declarationNo: 'D-0001' };
      const { events } = toTrackingEvents(parsed(TOPICS.rawLoading, declared), ctx);
      expect(events[0]).toMatchObject({
        equipmentEventTypeCode: 'CUSD',
        customsBroker: BROKER,
        declarationNo: 'D-0001',
      });
    });

    it('carries the place, conveyance, documents and equipment details', () => {
      const { events, memberships } = toTrackingEvents(parsed(TOPICS.rawLoading, loading()), ctx);
      const conveyance = { mode: 'RAIL', trainNo: 'X8001-BY', departureDate: '2026-03-08' };
      const documents = [{ type: 'CIM_SMGS', ref: 'CIMSMGS-CQ-2026-001' }];
      expect(events).toEqual([
        {
          eventId: eventId('CHINA_EUROPE_RAIL', 'cer-ld-0001', CONTAINERS[0], 'main'),
          eventType: 'EQUIPMENT',
          equipmentEventTypeCode: 'TRANSFER',
          classifier: 'ACT',
          eventDateTime: '2026-03-08T14:00:00+03:00',
          eventCreatedDateTime: '2026-03-08T14:10:00+03:00',
          receivedAt: ctx.receivedAt,
          source: { system: 'CHINA_EUROPE_RAIL', rawKind: 'LOADING', rawRef: ctx.rawRef },
          containerNo: CONTAINERS[0],
          documents,
          location: { locode: 'BYBQT', facility: 'BRS' },
          conveyance,
          emptyIndicator: 'LADEN',
          isoSizeType: '45G1',
          seals: ['SL654321'],
        },
      ]);
      expect(memberships).toEqual([
        { conveyanceKey: 'RAIL:X8001-BY:2026-03-08', containerNo: CONTAINERS[0], documents },
      ]);
    });

    it('keeps a classifier the source gives', () => {
      const { events } = toTrackingEvents(parsed(TOPICS.rawLoading, { ...loading(), classifier: 'PLN' }), ctx);
      expect(events[0].classifier).toBe('PLN');
    });

    it.each(['LOAD', 'TRANSFER'])('puts the container on the conveyance for %s', (operation) => {
      const { memberships } = toTrackingEvents(parsed(TOPICS.rawLoading, { ...loading(), operation }), ctx);
      expect(memberships.map((m) => m.conveyanceKey)).toEqual(['RAIL:X8001-BY:2026-03-08']);
    });

    it.each(['DISCHARGE', 'GATE_IN', 'CUSTOMS_RELEASED'])('gives no membership for %s', (operation) => {
      expect(toTrackingEvents(parsed(TOPICS.rawLoading, { ...loading(), operation }), ctx).memberships).toEqual([]);
    });

    it('gives no membership for a LOAD without a conveyance, and an event without documents', () => {
      const bare = omit(loading(), 'conveyance', 'documents');
      const { events, memberships } = toTrackingEvents(parsed(TOPICS.rawLoading, { ...bare, operation: 'LOAD' }), ctx);
      expect(memberships).toEqual([]);
      expect(events[0].documents).toEqual([]);
      expect(events[0]).not.toHaveProperty('conveyance');
    });
  });

  describe('IN_TRANSIT per container', () => {
    const conveyance = { mode: 'RAIL', trainNo: 'X8001', departureDate: '2026-03-01' };

    it('gives a TRANSPORT DEPA event and an estimated arrival', () => {
      const { events, memberships, conveyanceReports } = toTrackingEvents(inTransit(inTransitPerContainer()), ctx);
      expect(memberships).toEqual([]);
      expect(conveyanceReports).toBeUndefined();
      const common = {
        eventType: 'TRANSPORT',
        eventCreatedDateTime: '2026-03-01T10:05:00+08:00',
        receivedAt: ctx.receivedAt,
        source: { system: 'CHINA_EUROPE_RAIL', rawKind: 'IN_TRANSIT', rawRef: ctx.rawRef },
        containerNo: CONTAINERS[0],
        documents: [],
        conveyance,
      };
      expect(events).toEqual([
        {
          ...common,
          eventId: eventId('CHINA_EUROPE_RAIL', 'cer-it-0001', CONTAINERS[0], 'main'),
          transportEventTypeCode: 'DEPA',
          classifier: 'ACT',
          eventDateTime: '2026-03-01T10:00:00+08:00',
          location: { locode: 'CNCQI', facility: 'TJC' },
        },
        {
          ...common,
          eventId: eventId('CHINA_EUROPE_RAIL', 'cer-it-0001', CONTAINERS[0], 'eta'),
          transportEventTypeCode: 'ARRI',
          classifier: 'EST',
          eventDateTime: '2026-03-18T12:00:00+01:00',
          location: { locode: 'DEDUI', facility: 'DIT' },
        },
      ]);
    });

    it('gives a TRANSPORT ARRI event for ARRIVED', () => {
      const report = omit(inTransitPerContainer(), 'estimatedArrival');
      const { events } = toTrackingEvents(inTransit({ ...report, status: 'ARRIVED', classifier: 'EST' }), ctx);
      expect(events).toEqual([
        expect.objectContaining({ eventType: 'TRANSPORT', transportEventTypeCode: 'ARRI', classifier: 'EST' }),
      ]);
    });

    it('gives an EQUIPMENT CROS event for PASSED, and no estimate without a conveyance', () => {
      const report = omit(inTransitPerContainer(), 'conveyance');
      const { events } = toTrackingEvents(
        inTransit({ ...report, status: 'PASSED', location: { locode: 'CNAKL', facility: 'AKB' } }),
        ctx,
      );
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({
        eventType: 'EQUIPMENT',
        equipmentEventTypeCode: 'CROS',
        location: { locode: 'CNAKL', facility: 'AKB' },
      });
      expect(events[0]).not.toHaveProperty('conveyance');
    });

    it('keeps the conveyance on a PASSED event that has one', () => {
      const { events } = toTrackingEvents(inTransit({ ...inTransitPerContainer(), status: 'PASSED' }), ctx);
      expect(events[0]).toMatchObject({ equipmentEventTypeCode: 'CROS', conveyance });
    });
  });

  describe('IN_TRANSIT per conveyance', () => {
    it('gives no events by itself and hands the report back for fan-out', () => {
      const report = inTransit(inTransitPerConveyance());
      expect(toTrackingEvents(report, ctx)).toEqual({ events: [], memberships: [], conveyanceReports: [report] });
    });
  });

  describe('event ids', () => {
    const cases = [
      [TOPICS.rawInTransit, inTransitPerContainer],
      [TOPICS.rawManifest, manifest],
      [TOPICS.rawWaybill, waybill],
      [TOPICS.rawLoading, loading],
    ] as const;

    it.each(cases)('are stable for %s: replays give the same ids, whatever rawRef and receivedAt', (topic, make) => {
      const first = toTrackingEvents(parsed(topic, make()), ctx);
      const replay = toTrackingEvents(parsed(topic, make()), {
        rawRef: 'replayed/0/7',
        receivedAt: '2026-04-01T00:00:00Z',
      });
      expect(ids(replay.events)).toEqual(ids(first.events));
      expect(ids(first.events).every((id) => /^[0-9a-f]{32}$/.test(id))).toBe(true);
      expect(new Set(ids(first.events)).size).toBe(first.events.length);
    });

    it.each(cases)('differ for %s when the messageId differs', (topic, make) => {
      const first = ids(toTrackingEvents(parsed(topic, make()), ctx).events);
      const other = ids(toTrackingEvents(parsed(topic, { ...make(), messageId: 'another-id' }), ctx).events);
      expect(other).toHaveLength(first.length);
      expect(other.filter((id) => first.includes(id))).toEqual([]);
    });

    it('do not collide when the fields could run together', () => {
      expect(eventId('COASTAL_PORT', 'a', 'bc', 'main')).not.toBe(eventId('COASTAL_PORT', 'ab', 'c', 'main'));
    });

    it('differ between source systems that reuse a messageId', () => {
      expect(eventId('COASTAL_PORT', 'MSG-1', 'CSQU3054383', 'main')).not.toBe(
        eventId('CHINA_EUROPE_RAIL', 'MSG-1', 'CSQU3054383', 'main'),
      );
    });
  });

  describe('retractions', () => {
    function retraction(record: JsonRecord, retracted: string): JsonRecord {
      return { ...record, messageId: `${retracted}-retraction`, retractsMessageId: retracted };
    }

    it.each([
      [TOPICS.rawLoading, loading],
      [TOPICS.rawWaybill, waybill],
      [TOPICS.rawManifest, manifest],
      [TOPICS.rawInTransit, inTransitPerContainer],
    ] as const)('on %s withdraw every event the retracted message gave, and no memberships', (topic, make) => {
      const original = toTrackingEvents(parsed(topic, make()), ctx);
      const record = make();
      const { events, memberships } = toTrackingEvents(parsed(topic, retraction(record, messageIdOf(record))), ctx);
      expect(memberships).toEqual([]);
      expect(events.every((e) => e.eventType === 'RETRACTION')).toBe(true);
      const retracted = events.flatMap((e) => (e.eventType === 'RETRACTION' ? [e.retractsEventId] : []));
      expect(retracted).toEqual(expect.arrayContaining(ids(original.events)));
      expect(ids(events).filter((id) => retracted.includes(id) || ids(original.events).includes(id))).toEqual([]);
    });

    it('cover both parts of an in-transit report, with the retracting message as source', () => {
      const { events } = toTrackingEvents(inTransit(retraction(inTransitPerContainer(), 'cer-it-0001')), ctx);
      expect(events).toEqual([
        expect.objectContaining({
          eventType: 'RETRACTION',
          retractsEventId: eventId('CHINA_EUROPE_RAIL', 'cer-it-0001', CONTAINERS[0], 'main'),
          containerNo: CONTAINERS[0],
          eventCreatedDateTime: '2026-03-01T10:05:00+08:00',
          source: { system: 'CHINA_EUROPE_RAIL', rawKind: 'IN_TRANSIT', rawRef: ctx.rawRef },
        }),
        expect.objectContaining({
          eventType: 'RETRACTION',
          retractsEventId: eventId('CHINA_EUROPE_RAIL', 'cer-it-0001', CONTAINERS[0], 'eta'),
        }),
      ]);
    });

    it('of a per-conveyance report come back as a conveyance report and fan out as retractions', () => {
      const report = inTransit(retraction(inTransitPerConveyance(), 'cer-it-0002'));
      const output = toTrackingEvents(report, ctx);
      expect(output).toEqual({ events: [], memberships: [], conveyanceReports: [report] });
      const original = eventsForConveyanceMember(inTransit(inTransitPerConveyance()), CONTAINERS[2], [], ctx);
      const withdrawn = eventsForConveyanceMember(report, CONTAINERS[2], [], ctx);
      expect(withdrawn.map((e) => (e.eventType === 'RETRACTION' ? e.retractsEventId : undefined))).toEqual(
        ids(original),
      );
    });
  });
});

describe(eventsForConveyanceMember.name, () => {
  it('gives exactly what a per-container report for that container gives', () => {
    const report = inTransit(inTransitPerConveyance());
    for (const containerNo of CONTAINERS) {
      const perContainer = toTrackingEvents(inTransit({ ...inTransitPerConveyance(), containerNo }), ctx);
      expect(eventsForConveyanceMember(report, containerNo, [], ctx)).toEqual(perContainer.events);
    }
  });

  it("uses the member's documents", () => {
    const documents = [
      { type: 'MANIFEST', ref: 'MF-1' },
      { type: 'CIM_SMGS', ref: 'CIMSMGS-CQ-2026-001' },
    ] as const;
    const events = eventsForConveyanceMember(inTransit(inTransitPerConveyance()), CONTAINERS[1], documents, ctx);
    expect(events).toHaveLength(2);
    expect(events.every((e) => e.documents === documents && e.containerNo === CONTAINERS[1])).toBe(true);
  });

  it('gives the same ids when the report is fanned out again later', () => {
    const report = inTransit(inTransitPerConveyance());
    const now = eventsForConveyanceMember(report, CONTAINERS[0], [], ctx);
    const later = eventsForConveyanceMember(report, CONTAINERS[0], [{ type: 'MANIFEST', ref: 'MF-late' }], {
      rawRef: 'raw.in-transit.v1/0/9',
      receivedAt: '2026-03-02T00:00:00Z',
    });
    expect(ids(later)).toEqual(ids(now));
  });
});

describe('a gauge-change transfer (raw in-transit version 2, status TRANSFERRED)', () => {
  const WIDE_GAUGE = { mode: 'RAIL', trainNo: 'X8001K', departureDate: '2026-03-04' };
  const transfer = (fields: JsonRecord = {}): JsonRecord => ({
    ...omit(inTransitPerConveyance(), 'estimatedArrival'),
    messageId: 'cer-it-transfer',
    status: 'TRANSFERRED',
    location: { locode: 'CNAKL', facility: 'AKB' },
    toConveyance: WIDE_GAUGE,
    gauge: '1520',
    ...fields,
  });
  const errors = (record: JsonRecord) => {
    const result = parseRawMessage(TOPICS.rawInTransit, bytes(record));
    return result.ok ? [] : result.errors;
  };

  it('is a train-level report that every container on the train gets as a TRANSFER onto the next train', () => {
    const report = inTransit(transfer());
    expect(toTrackingEvents(report, ctx)).toEqual({ events: [], memberships: [], conveyanceReports: [report] });
    const [event] = eventsForConveyanceMember(report, CONTAINERS[1], [], ctx);
    expect(event).toMatchObject({
      eventId: eventId('CHINA_EUROPE_RAIL', 'cer-it-transfer', CONTAINERS[1], 'main'),
      eventType: 'EQUIPMENT',
      equipmentEventTypeCode: 'TRANSFER',
      conveyance: WIDE_GAUGE,
      location: { locode: 'CNAKL', facility: 'AKB' },
    });
  });

  it('puts a container it names on the next train', () => {
    const output = toTrackingEvents(inTransit(transfer({ containerNo: CONTAINERS[0] })), ctx);
    expect(output.events.map((e) => [e.eventType, e.containerNo])).toEqual([['EQUIPMENT', CONTAINERS[0]]]);
    expect(output.memberships).toEqual([
      { conveyanceKey: 'RAIL:X8001K:2026-03-04', containerNo: CONTAINERS[0], documents: [] },
    ]);
  });

  it('needs both trains, and toConveyance and gauge only with TRANSFERRED', () => {
    expect(errors(omit(transfer(), 'toConveyance'))).toEqual([
      'toConveyance: required for TRANSFERRED (the train the containers continue on)',
    ]);
    expect(errors(transfer({ toConveyance: { mode: 'BARGE', name: 'Yuhai 18', voyage: 'YH0301' } }))).toEqual([
      'toConveyance: a transfer is from one train to another: both conveyances must be RAIL',
    ]);
    expect(errors(transfer({ status: 'PASSED' }))).toEqual(['toConveyance: only for status TRANSFERRED']);
    expect(errors(transfer({ gauge: '1000' }))).toEqual(['gauge: "1000" is not one of 1435, 1520']);
  });
});

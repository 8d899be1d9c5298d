import { eventVersionKey, type TrackingEvent } from '@mmt/contracts';
import { toTrackingEvents } from '@mmt/normalize';
import { simulate } from '@mmt/simulator';
import { dcsaEventId, filterFields, toDcsaEvent } from './to-dcsa-event';
import { schemaValidator } from './testing/openapi-validator';

function simulatedEvents(): TrackingEvent[] {
  const simulation = simulate({
    journeys: 60,
    seed: 5,
    start: '2026-03-01T08:00:00+08:00',
    shuffle: 0,
    duplicates: 0,
    lateManifests: 0,
    conveyanceReports: false,
    invalid: 0,
  });
  return simulation.validMessages.flatMap(
    (message) => toTrackingEvents(message, { rawRef: `sim/${message.messageId}`, receivedAt: message.sentAt }).events,
  );
}

describe('toDcsaEvent', () => {
  const events = simulatedEvents();
  const validate = schemaValidator()('event');

  it('maps every simulated event DCSA has a form for to an event the OpenAPI document accepts', () => {
    const mapped = events.flatMap((event) => toDcsaEvent(event) ?? []);
    expect(mapped.length).toBeGreaterThan(events.length * 0.8);
    for (const event of mapped) {
      if (!validate(event)) {
        throw new Error(`${JSON.stringify(event)}\n${JSON.stringify(validate.errors, null, 2)}`);
      }
    }
    expect(new Set(mapped.map((e) => e.eventType))).toEqual(new Set(['TRANSPORT', 'EQUIPMENT', 'SHIPMENT']));
  });

  it('leaves out exactly retractions, border passings and gauge changes', () => {
    const left = events.filter((event) => toDcsaEvent(event) === undefined);
    for (const event of left) {
      expect(
        event.eventType === 'RETRACTION' ||
          (event.eventType === 'EQUIPMENT' && ['CROS', 'TRANSFER'].includes(event.equipmentEventTypeCode)),
      ).toBe(true);
    }
  });

  it('gives one id per version of an event: the same for a replay, a new one for a correction', () => {
    const ids = new Map<string, string>();
    for (const event of events) {
      const id = dcsaEventId(event.containerNo, event);
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      ids.set(`${event.containerNo}|${eventVersionKey(event)}`, id);
      expect(toDcsaEvent(event)?.eventID ?? id).toBe(id);
    }
    expect(new Set(ids.values()).size).toBe(ids.size);
    const event = events[0];
    const correction = {
      ...event,
      eventCreatedDateTime: new Date(Date.parse(event.eventCreatedDateTime) + 1000).toISOString(),
    };
    expect(dcsaEventId(event.containerNo, correction)).not.toBe(dcsaEventId(event.containerNo, event));
    expect(dcsaEventId(event.containerNo, { ...event })).toBe(dcsaEventId(event.containerNo, event));
  });

  it('files customs steps as shipment events on a customs document and keeps the container as a reference', () => {
    const customs = events.find((e) => e.eventType === 'EQUIPMENT' && e.equipmentEventTypeCode === 'CUSR');
    expect(customs).toBeDefined();
    const mapped = toDcsaEvent(customs!);
    expect(mapped).toMatchObject({ eventType: 'SHIPMENT', shipmentEventTypeCode: 'RELS', documentTypeCode: 'CUS' });
    expect(mapped?.references).toEqual([{ referenceType: 'EQ', referenceValue: customs!.containerNo }]);
  });

  it('filters every event of a container by its equipment reference, and by the transport documents it names', () => {
    for (const event of events) {
      const mapped = toDcsaEvent(event);
      if (mapped === undefined) {
        continue;
      }
      const fields = filterFields(event, mapped);
      expect(fields.equipmentReference).toBe(event.containerNo);
      const named = [...event.documents, ...(event.eventType === 'SHIPMENT' ? [event.document] : [])]
        .filter((d) => d.type !== 'MANIFEST')
        .map((d) => d.ref);
      expect(new Set(fields.transportDocumentReference)).toEqual(new Set(named));
    }
  });
});

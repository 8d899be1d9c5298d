import fc from 'fast-check';
import {
  canMatch,
  EVENT_FILTERS,
  filterNamed,
  filterQuery,
  FILTER_NAMES,
  filterValueError,
  matchesFilter,
  type EventFilter,
} from './event-filter';
import type { FilterFields } from './to-dcsa-event';

/** How MongoDB applies `{ field: { $in: values } }`: the field (or any element of a list field) is one of them. */
function storeMatches(fields: Record<string, unknown>, query: Record<string, { $in: string[] }>): boolean {
  return Object.entries(query).every(([path, { $in }]) => {
    const value = fields[path.slice('f.'.length)];
    return Array.isArray(value) ? value.some((v: string) => $in.includes(v)) : $in.includes(value as string);
  });
}

const value = fc.constantFrom('A', 'B', 'C');
const fieldsArbitrary = fc.record(
  Object.fromEntries(
    FILTER_NAMES.map((name) => [
      name,
      name.startsWith('transportDocument') ? fc.array(value, { maxLength: 2 }) : value,
    ]),
  ),
  { requiredKeys: [] },
) as fc.Arbitrary<Record<string, unknown>>;
const filterArbitrary = fc.record(
  Object.fromEntries(FILTER_NAMES.map((name) => [name, fc.array(value, { minLength: 1, maxLength: 2 })])),
  { requiredKeys: [] },
) as fc.Arbitrary<EventFilter>;

describe('event filters', () => {
  it('match in memory (subscriptions) exactly as the store query matches (events API)', () => {
    fc.assert(
      fc.property(fieldsArbitrary, filterArbitrary, (fields, filter) => {
        return (
          matchesFilter(fields as unknown as FilterFields, filter) === storeMatches(fields, filterQuery(filter, 'f.'))
        );
      }),
    );
  });

  it('AND different filters, OR the values of one, and do not match an event without the field', () => {
    const fields = { eventType: 'EQUIPMENT', equipmentReference: 'MSKU1234565', transportDocumentReference: ['BL1'] };
    const matches = (filter: EventFilter) => matchesFilter(fields as unknown as FilterFields, filter);
    expect(matches({})).toBe(true);
    expect(matches({ eventType: ['TRANSPORT', 'EQUIPMENT'] })).toBe(true);
    expect(matches({ eventType: ['EQUIPMENT'], equipmentReference: ['OTHER'] })).toBe(false);
    expect(matches({ transportDocumentReference: ['BL1'] })).toBe(true);
    expect(matches({ vesselIMONumber: ['9321483'] })).toBe(false);
  });

  it('say what is wrong with a value', () => {
    expect(filterValueError('eventType', ['TRANSPORT'])).toBeUndefined();
    expect(filterValueError('eventType', ['TRANSIT'])).toBe(
      'eventType: "TRANSIT" is not one of SHIPMENT, TRANSPORT, EQUIPMENT',
    );
    expect(filterValueError('equipmentReference', ['A', 'B'])).toBe('equipmentReference: takes one value, not 2');
    expect(filterValueError('UNLocationCode', ['CNCQIX'])).toMatch(/longer than 5/);
    expect(filterValueError('equipmentEventTypeCode', [])).toMatch(/at least one/);
    expect(Object.keys(EVENT_FILTERS)).toEqual(FILTER_NAMES);
  });

  it("accept DCSA 2.2's filters on data the platform does not hold, and its deprecated names", () => {
    expect(filterNamed('carrierBookingReference')).toBe('carrierBookingReference');
    expect(filterNamed('bookingReference')).toBe('carrierBookingReference');
    expect(filterNamed('carrierVoyageNumber')).toBe('exportVoyageNumber');
    expect(filterNamed('colour')).toBeUndefined();
    expect(filterValueError('carrierServiceCode', ['FE1'])).toBeUndefined();
    expect(filterValueError('carrierBookingReference', ['x'.repeat(36)])).toMatch(/longer than 35/);
    // No event carries them, so nothing can pass, in memory or in the store.
    const fields = { eventType: 'TRANSPORT', exportVoyageNumber: '2103S' } as unknown as FilterFields;
    for (const filter of [{ carrierServiceCode: ['FE1'] }, { scheduleID: ['x'] }, { transportDocumentID: ['y'] }]) {
      expect(canMatch(filter)).toBe(false);
      expect(matchesFilter(fields, filter)).toBe(false);
    }
    expect(canMatch({ exportVoyageNumber: [] })).toBe(false);
    expect(canMatch({ exportVoyageNumber: ['2103S'], eventType: ['TRANSPORT'] })).toBe(true);
    expect(matchesFilter(fields, { exportVoyageNumber: ['2103S'] })).toBe(true);
  });
});

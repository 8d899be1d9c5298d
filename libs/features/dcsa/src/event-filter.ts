import {
  DCSA_CLASSIFIERS,
  DCSA_DOCUMENT_TYPE_CODES,
  DCSA_EQUIPMENT_EVENT_CODES,
  DCSA_EVENT_TYPES,
  DCSA_SHIPMENT_EVENT_CODES,
  DCSA_TRANSPORT_DOCUMENT_TYPES,
  DCSA_TRANSPORT_EVENT_CODES,
} from './dcsa-event';
import type { FilterFields } from './to-dcsa-event';

interface FilterSpec {
  /** A list of values (any one matches), or a single value. */
  readonly list: boolean;
  /** The values allowed, where the standard names them. */
  readonly values?: readonly string[];
  readonly maxLength?: number;
}

/**
 * DCSA 2.2 filters on data the platform does not hold: no event has a carrier booking reference, a carrier service
 * code, a schedule or a transport document UUID (its documents are waybills, bills of lading and CIM/SMGS notes,
 * named by their numbers). They are accepted as DCSA defines them, and, as for any field an event does not have,
 * a filter on one matches no event: `GET /v2/events` answers an empty page, a subscription receives nothing.
 */
export const FILTERS_WITHOUT_DATA = [
  'carrierBookingReference',
  'carrierServiceCode',
  'scheduleID',
  'transportDocumentID',
] as const;

/**
 * The DCSA filters the events API and subscriptions share: different filters must all match, the values of one
 * list filter are alternatives. A filter on a field an event does not have does not match it.
 */
export const EVENT_FILTERS = {
  eventType: { list: true, values: DCSA_EVENT_TYPES },
  eventClassifierCode: { list: true, values: DCSA_CLASSIFIERS },
  shipmentEventTypeCode: { list: true, values: DCSA_SHIPMENT_EVENT_CODES },
  documentTypeCode: { list: true, values: DCSA_DOCUMENT_TYPE_CODES },
  transportEventTypeCode: { list: true, values: DCSA_TRANSPORT_EVENT_CODES },
  equipmentEventTypeCode: { list: true, values: DCSA_EQUIPMENT_EVENT_CODES },
  transportDocumentTypeCode: { list: true, values: DCSA_TRANSPORT_DOCUMENT_TYPES },
  equipmentReference: { list: false, maxLength: 15 },
  transportDocumentReference: { list: false, maxLength: 35 },
  UNLocationCode: { list: false, maxLength: 5 },
  vesselIMONumber: { list: false, maxLength: 7 },
  exportVoyageNumber: { list: false, maxLength: 50 },
  transportCallID: { list: false, maxLength: 100 },
  carrierBookingReference: { list: false, maxLength: 35 },
  carrierServiceCode: { list: false, maxLength: 5 },
  scheduleID: { list: false, maxLength: 100 },
  transportDocumentID: { list: false, maxLength: 100 },
} as const satisfies Record<keyof FilterFields | (typeof FILTERS_WITHOUT_DATA)[number], FilterSpec>;

export type FilterName = keyof typeof EVENT_FILTERS;
export type EventFilter = Partial<Record<FilterName, readonly string[]>>;

export const FILTER_NAMES = Object.keys(EVENT_FILTERS) as FilterName[];

export function isFilterName(name: string): name is FilterName {
  return Object.hasOwn(EVENT_FILTERS, name);
}

/** DCSA 2.2's deprecated names, each the same filter as the name it was replaced by. */
export const DEPRECATED_FILTER_NAMES: Readonly<Record<string, FilterName>> = {
  bookingReference: 'carrierBookingReference',
  carrierVoyageNumber: 'exportVoyageNumber',
};

/** The filter a query parameter or subscription field names (a deprecated alias gives its replacement). */
export function filterNamed(name: string): FilterName | undefined {
  return isFilterName(name)
    ? name
    : Object.hasOwn(DEPRECATED_FILTER_NAMES, name)
      ? DEPRECATED_FILTER_NAMES[name]
      : undefined;
}

/**
 * Whether any event could pass the filter: not when it names data the platform does not hold, or when a filter and
 * its deprecated alias were both given with different values (an empty list). Lets a reader answer without a query.
 */
export function canMatch(filter: EventFilter): boolean {
  return FILTER_NAMES.every(
    (name) =>
      filter[name] === undefined ||
      (filter[name].length > 0 && !(FILTERS_WITHOUT_DATA as readonly string[]).includes(name)),
  );
}

/** Why these values cannot be a filter's, or undefined when they can. */
export function filterValueError(name: FilterName, values: readonly unknown[]): string | undefined {
  const spec: FilterSpec = EVENT_FILTERS[name];
  if (values.length === 0) {
    return `${name}: give at least one value`;
  }
  if (!spec.list && values.length > 1) {
    return `${name}: takes one value, not ${values.length}`;
  }
  for (const value of values) {
    if (typeof value !== 'string' || value.trim() === '') {
      return `${name}: ${JSON.stringify(value)} is not a non-empty string`;
    }
    if (spec.values !== undefined && !spec.values.includes(value)) {
      return `${name}: ${JSON.stringify(value)} is not one of ${spec.values.join(', ')}`;
    }
    if (spec.maxLength !== undefined && value.length > spec.maxLength) {
      return `${name}: ${JSON.stringify(value)} is longer than ${spec.maxLength} characters`;
    }
  }
  return undefined;
}

/** Container numbers are compared upper-case, as everywhere on the platform. */
export function normalisedFilterValue(name: FilterName, value: string): string {
  return name === 'equipmentReference' ? value.trim().toUpperCase() : value.trim();
}

function valuesOf(fields: FilterFields, name: FilterName): readonly string[] {
  const value = (fields as Partial<Record<FilterName, string | readonly string[]>>)[name];
  return value === undefined ? [] : typeof value === 'string' ? [value] : value;
}

/** Whether an event with these fields passes the filter. */
export function matchesFilter(fields: FilterFields, filter: EventFilter): boolean {
  return FILTER_NAMES.every((name) => {
    const wanted = filter[name];
    return wanted === undefined || valuesOf(fields, name).some((value) => wanted.includes(value));
  });
}

/** The same filter on stored events whose filter fields are at `prefix` (`$in` matches any element of a list). */
export function filterQuery(filter: EventFilter, prefix: string): Record<string, { $in: string[] }> {
  return Object.fromEntries(
    FILTER_NAMES.flatMap((name) =>
      filter[name] === undefined ? [] : [[`${prefix}${name}`, { $in: [...filter[name]] }]],
    ),
  );
}

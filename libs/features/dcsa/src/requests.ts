import { filterNamed, filterValueError, normalisedFilterValue, EVENT_FILTERS, type FilterName } from './event-filter';
import type { DateBounds, FeedQuery, PositionBounds } from './event-feed.repository';
import { MICROS_PER_MS, parseIsoPosition, type FeedPosition } from './feed-position';
import { isSignatureScheme, secretError, SIGNATURE_SCHEMES } from './notification-signature';
import {
  readAttemptsCursor,
  readEventsCursor,
  readSubscriptionsCursor,
  type AttemptsCursor,
  type EventsRequest,
  type SubscriptionsCursor,
} from './page-cursors';
import type { SubscriptionSettings } from './subscriptions.repository';

export type Parsed<T> = { ok: true; value: T } | { ok: false; errors: string[] };

export const DEFAULT_PAGE_SIZE = 100;
export const MAX_PAGE_SIZE = 1000;

const DATE_FIELDS = ['eventCreatedDateTime', 'eventDateTime'] as const;
const DATE_OPERATORS = ['gte', 'gt', 'lte', 'lt', 'eq'] as const;
/** Parameters of the page, not filters: DCSA's `limit`, `cursor` and `sort`. */
const PAGE_PARAMETERS = ['limit', 'cursor', 'sort'];

type Query = Record<string, unknown>;

/** A page of `GET /v2/events`: the request (from the query, or carried by a cursor), where it goes on, its size. */
export interface EventsPage {
  readonly request: EventsRequest;
  /** The position of the last event of the page before (from a Next-Page or Poll-Page cursor). */
  readonly after?: FeedPosition;
  readonly limit: number;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function parseLimit(value: unknown, errors: string[]): number {
  if (value === undefined) {
    return DEFAULT_PAGE_SIZE;
  }
  const limit = Number(text(value));
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) {
    errors.push(`limit: must be a whole number from 1 to ${MAX_PAGE_SIZE}, not ${JSON.stringify(value)}`);
  }
  return limit;
}

/**
 * DCSA's `sort` (`field[:ASC|:DESC]`, comma-separated). A list is served in one order, the one its cursors follow
 * (for the events, the order of publication, which is what makes polling safe), so `sort` may name that order and
 * no other.
 */
function checkSort(value: unknown, served: { field: string; descending: boolean }, errors: string[]): void {
  if (value === undefined) {
    return;
  }
  const [field, direction = 'ASC', ...rest] = (text(value) ?? '').split(':');
  const descending = direction.toUpperCase() === 'DESC';
  if (
    field !== served.field ||
    rest.length > 0 ||
    !['ASC', 'DESC'].includes(direction.toUpperCase()) ||
    descending !== served.descending
  ) {
    errors.push(
      `sort: this list is served in ${served.field} order, ${served.descending ? 'newest' : 'oldest'} first ` +
        `(sort=${served.field}:${served.descending ? 'DESC' : 'ASC'}), the only order its pages can follow; ` +
        `not ${JSON.stringify(value)}`,
    );
  }
}

function addBound(bounds: Record<string, FeedPosition>, operator: string, value: FeedPosition): void {
  if (operator === 'eq') {
    bounds.gte = value;
    bounds.lte = value;
  } else {
    bounds[operator] = value;
  }
}

/** A filter's values from a query string (comma-separated) or a body (a list, or one string that may hold commas). */
function filterValues(name: FilterName, raw: unknown): unknown[] {
  const values: unknown[] = Array.isArray(raw) ? (raw as unknown[]) : [raw];
  const split = EVENT_FILTERS[name].list
    ? values.flatMap((value): unknown[] => (typeof value === 'string' ? value.split(',') : [value]))
    : values;
  return split.map((value): unknown => (typeof value === 'string' ? normalisedFilterValue(name, value) : value));
}

/**
 * Adds a filter's values; a filter given twice (under its name and its deprecated alias) keeps the values both
 * allow, so that, as DCSA says of any two filters, an event must pass both.
 */
function addFilter(filter: Partial<Record<FilterName, string[]>>, name: FilterName, values: string[]): void {
  const earlier = filter[name];
  filter[name] = earlier === undefined ? values : earlier.filter((value) => values.includes(value));
}

function parseFilters(query: Query, errors: string[]): EventsRequest {
  const filter: Partial<Record<FilterName, string[]>> = {};
  const created: Record<string, FeedPosition> = {};
  const happened: Record<string, FeedPosition> = {};
  for (const [name, raw] of Object.entries(query)) {
    if (PAGE_PARAMETERS.includes(name)) {
      continue;
    }
    const value = text(raw);
    if (value === undefined) {
      errors.push(`${name}: give it once`);
      continue;
    }
    const [field, operator = 'eq', ...rest] = name.split(':');
    if ((DATE_FIELDS as readonly string[]).includes(field)) {
      const at = parseIsoPosition(value);
      if (rest.length > 0 || !(DATE_OPERATORS as readonly string[]).includes(operator)) {
        errors.push(`${name}: the operator must be one of ${DATE_OPERATORS.map((op) => `:${op}`).join(', ')}`);
      } else if (at === undefined) {
        errors.push(
          `${name}: ${JSON.stringify(value)} is not a date-time with an offset that exists (RFC 3339, e.g. 2026-03-01T08:00:00+08:00)`,
        );
      } else {
        addBound(field === 'eventCreatedDateTime' ? created : happened, operator, at);
      }
      continue;
    }
    const filterName = filterNamed(name);
    if (filterName === undefined) {
      errors.push(`${name}: not a filter of this API (see /v2/openapi.yaml)`);
      continue;
    }
    const values = filterValues(filterName, value);
    const error = filterValueError(filterName, values);
    if (error !== undefined) {
      errors.push(error.replace(filterName, name));
    } else {
      addFilter(filter, filterName, values as string[]);
    }
  }
  return {
    filter,
    ...(Object.keys(created).length === 0 ? {} : { eventCreatedDateTime: created }),
    ...(Object.keys(happened).length === 0 ? {} : { eventDateTime: happened }),
  };
}

const NOT_A_CURSOR =
  'cursor: not a cursor this API gave, or changed since (send it as a Next-Page or Poll-Page link has it)';

/** `GET /v2/events`'s query string as a page, or every reason it is not one. */
export function parseEventsQuery(query: Query): Parsed<EventsPage> {
  const errors: string[] = [];
  const limit = parseLimit(query.limit, errors);
  checkSort(query.sort, { field: 'eventCreatedDateTime', descending: false }, errors);
  if (query.cursor !== undefined) {
    const others = Object.keys(query).filter((name) => !PAGE_PARAMETERS.includes(name));
    const cursor = text(query.cursor) === undefined ? undefined : readEventsCursor(text(query.cursor)!);
    if (others.length > 0) {
      errors.push(`cursor: carries the filters of its query; send it with limit only, not ${others.join(', ')}`);
    } else if (cursor === undefined) {
      errors.push(NOT_A_CURSOR);
    }
    return errors.length > 0 ? { ok: false, errors } : { ok: true, value: { ...cursor!, limit } };
  }
  const request = parseFilters(query, errors);
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value: { request, limit } };
}

/**
 * Microsecond bounds as bounds on the stored millisecond `Date`s: a bound inside a millisecond is moved to the
 * nearest whole millisecond that keeps exactly the same events (`gt 5.0004 ms` is `gte 6 ms`).
 */
function dateBounds(bounds: PositionBounds): DateBounds {
  const result: { gte?: number; gt?: number; lte?: number; lt?: number } = {};
  const whole = (position: number) => position % MICROS_PER_MS === 0;
  const raise = (key: 'gte' | 'gt', ms: number) => (result[key] = Math.max(result[key] ?? -Infinity, ms));
  const lower = (key: 'lte' | 'lt', ms: number) => (result[key] = Math.min(result[key] ?? Infinity, ms));
  if (bounds.gte !== undefined) {
    raise('gte', Math.ceil(bounds.gte / MICROS_PER_MS));
  }
  if (bounds.gt !== undefined) {
    if (whole(bounds.gt)) {
      raise('gt', bounds.gt / MICROS_PER_MS);
    } else {
      raise('gte', Math.ceil(bounds.gt / MICROS_PER_MS));
    }
  }
  if (bounds.lte !== undefined) {
    lower('lte', Math.floor(bounds.lte / MICROS_PER_MS));
  }
  if (bounds.lt !== undefined) {
    if (whole(bounds.lt)) {
      lower('lt', bounds.lt / MICROS_PER_MS);
    } else {
      lower('lte', Math.floor(bounds.lt / MICROS_PER_MS));
    }
  }
  return Object.fromEntries(Object.entries(result).map(([op, ms]) => [op, new Date(ms)]));
}

/** The feed repository's query for a page, `limit` events long. */
export function feedQuery({ request, after }: EventsPage, limit: number): FeedQuery {
  return {
    filter: request.filter,
    ...(request.eventCreatedDateTime === undefined ? {} : { eventCreatedDateTime: request.eventCreatedDateTime }),
    ...(request.eventDateTime === undefined ? {} : { eventDateTime: dateBounds(request.eventDateTime) }),
    ...(after === undefined ? {} : { after }),
    limit,
  };
}

/** The cursors of the two other lists, and the order each is served in. */
const LISTS = {
  subscriptions: { read: readSubscriptionsCursor, order: { field: 'subscriptionID', descending: false } },
  attempts: { read: readAttemptsCursor, order: { field: 'attemptDateTime', descending: true } },
};

interface ListCursors {
  subscriptions: SubscriptionsCursor;
  attempts: AttemptsCursor;
}

/** `limit`, `cursor` and `sort` of `GET /v2/event-subscriptions` or `…/attempts`. */
export function parseListQuery<K extends keyof typeof LISTS>(
  query: Query,
  list: K,
): Parsed<{ limit: number; cursor?: ListCursors[K] }> {
  const errors: string[] = [];
  const limit = parseLimit(query.limit, errors);
  checkSort(query.sort, LISTS[list].order, errors);
  let cursor: ListCursors[K] | undefined;
  if (query.cursor !== undefined) {
    cursor = text(query.cursor) === undefined ? undefined : (LISTS[list].read(text(query.cursor)!) as ListCursors[K]);
    if (cursor === undefined) {
      errors.push(NOT_A_CURSOR);
    }
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value: { limit, ...(cursor ? { cursor } : {}) } };
}

/** What a subscription body may carry besides filters. */
const SETTINGS_FIELDS = new Set(['callbackUrl', 'secret', 'subscriptionID', 'signatureScheme']);

/**
 * What the API shows of a subscription's state (subscription-view.ts): a body may carry them back, as DCSA's PUT
 * takes the subscription as GET shows it, and they are ignored.
 */
const SHOWN_STATE = new Set([
  'status',
  'createdDateTime',
  'updatedDateTime',
  'consecutiveFailures',
  'failingSinceDateTime',
  'lastError',
  'nextAttemptDateTime',
  'pausedDateTime',
  'pausedReason',
  'pendingDeliveries',
]);

/**
 * A subscription body (POST and PUT, DCSA 2.2): a callback URL and filters, each filter a list (its values are
 * alternatives), one string, or one comma-separated string, by its name or its deprecated DCSA name. On POST a
 * `secret` may be given (Base64); without one the platform makes one. `signatureScheme` is the platform's.
 * Whether the callback may be called at all (addresses, credentials) is checked after this (callback-url.ts).
 */
export function parseSubscriptionBody(
  body: unknown,
  mode: 'create' | 'update',
): Parsed<SubscriptionSettings & { secret?: string }> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { ok: false, errors: ['body: must be a JSON object'] };
  }
  const fields = body as Record<string, unknown>;
  const errors: string[] = [];
  const callbackUrl = fields.callbackUrl;
  let url: URL | undefined;
  try {
    url = typeof callbackUrl === 'string' ? new URL(callbackUrl) : undefined;
  } catch {
    url = undefined;
  }
  if (url === undefined || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
    errors.push('callbackUrl: must be an http(s) URL');
  }
  if (fields.secret !== undefined) {
    if (mode === 'update') {
      errors.push('secret: change it with PUT /v2/event-subscriptions/{subscriptionID}/secret');
    } else {
      const error = secretError(fields.secret);
      if (error !== undefined) {
        errors.push(error);
      }
    }
  }
  const scheme = fields.signatureScheme;
  if (scheme !== undefined && !isSignatureScheme(scheme)) {
    errors.push(`signatureScheme: ${JSON.stringify(scheme)} is not one of ${SIGNATURE_SCHEMES.join(', ')}`);
  }
  const filter: Partial<Record<FilterName, string[]>> = {};
  for (const [name, raw] of Object.entries(fields)) {
    if (SETTINGS_FIELDS.has(name) || SHOWN_STATE.has(name) || raw === null) {
      continue;
    }
    const filterName = filterNamed(name);
    if (filterName === undefined) {
      errors.push(`${name}: not a subscription filter of this API (see /v2/openapi.yaml)`);
      continue;
    }
    const values = filterValues(filterName, raw);
    const error = filterValueError(filterName, values);
    if (error !== undefined) {
      errors.push(error.replace(filterName, name));
    } else {
      addFilter(filter, filterName, values as string[]);
    }
  }
  return errors.length > 0
    ? { ok: false, errors }
    : {
        ok: true,
        value: {
          callbackUrl: callbackUrl as string,
          filter,
          ...(isSignatureScheme(scheme) ? { signatureScheme: scheme } : {}),
          ...(typeof fields.secret === 'string' && mode === 'create' ? { secret: fields.secret } : {}),
        },
      };
}

/** `PUT /v2/event-subscriptions/{id}/secret`: `{"secret": "<Base64>"}` and nothing else (DCSA's body). */
export function parseSecretBody(body: unknown): Parsed<string> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { ok: false, errors: ['body: must be a JSON object, {"secret": "<Base64 of 32 to 64 bytes>"}'] };
  }
  const fields = body as Record<string, unknown>;
  const errors = Object.keys(fields)
    .filter((name) => name !== 'secret')
    .map((name) => `${name}: not a property of this body, which carries the secret only`);
  const error = secretError(fields.secret);
  return error !== undefined || errors.length > 0
    ? { ok: false, errors: [...(error === undefined ? [] : [error]), ...errors] }
    : { ok: true, value: fields.secret as string };
}

import {
  isFilterName,
  filterValueError,
  normalisedFilterValue,
  type EventFilter,
  type FilterName,
} from './event-filter';
import type { DateBounds, FeedQuery, PositionBounds } from './event-feed.repository';
import { MICROS_PER_MS, parseIsoPosition, type FeedPosition } from './feed-position';
import { secretError } from './notification-signature';
import type { SubscriptionSettings } from './subscriptions.repository';

export type Parsed<T> = { ok: true; value: T } | { ok: false; errors: string[] };

export const DEFAULT_PAGE_SIZE = 100;
export const MAX_PAGE_SIZE = 1000;

const DATE_FIELDS = ['eventCreatedDateTime', 'eventDateTime'] as const;
const DATE_OPERATORS = ['gte', 'gt', 'lte', 'lt', 'eq'] as const;

/** What a page of `GET /v2/events` asks for; a cursor carries all of it but `limit`. */
interface EventsRequest {
  readonly filter: EventFilter;
  /** On feed positions (microseconds): eventCreatedDateTime is when the platform published the event. */
  readonly eventCreatedDateTime?: PositionBounds;
  readonly eventDateTime?: DateBounds;
}

type Query = Record<string, unknown>;

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

function addBound<T>(bounds: Record<string, T>, operator: string, value: T): void {
  if (operator === 'eq') {
    bounds.gte = value;
    bounds.lte = value;
  } else {
    bounds[operator] = value;
  }
}

function parseFilters(query: Query, errors: string[]): EventsRequest {
  const filter: Partial<Record<FilterName, string[]>> = {};
  const created: Record<string, FeedPosition> = {};
  const happened: Record<string, Date> = {};
  for (const [name, raw] of Object.entries(query)) {
    if (name === 'limit' || name === 'cursor') {
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
        errors.push(`${name}: ${JSON.stringify(value)} is not an ISO 8601 date-time with an offset`);
      } else if (field === 'eventCreatedDateTime') {
        addBound(created, operator, at);
      } else {
        addBound(happened, operator, new Date(Math.floor(at / MICROS_PER_MS)));
      }
      continue;
    }
    if (!isFilterName(name)) {
      errors.push(`${name}: not a filter of this API (see /v2/openapi.yaml)`);
      continue;
    }
    const values = value.split(',').map((v) => normalisedFilterValue(name, v));
    const error = filterValueError(name, values);
    if (error !== undefined) {
      errors.push(error);
    } else {
      filter[name] = values;
    }
  }
  return {
    filter,
    ...(Object.keys(created).length === 0 ? {} : { eventCreatedDateTime: created }),
    ...(Object.keys(happened).length === 0 ? {} : { eventDateTime: happened }),
  };
}

interface CursorBody {
  readonly r: EventsRequest;
  readonly a: FeedPosition;
}

const reviveDates = (bounds: Record<string, string> | undefined): DateBounds | undefined =>
  bounds === undefined ? undefined : Object.fromEntries(Object.entries(bounds).map(([op, iso]) => [op, new Date(iso)]));

/** An opaque cursor: the request and the feed position the next page starts after, so it needs nothing else. */
export function encodeEventsCursor(request: EventsRequest, after: FeedPosition): string {
  const body: CursorBody = { r: request, a: after };
  return Buffer.from(JSON.stringify(body)).toString('base64url');
}

function decodeEventsCursor(cursor: string): { request: EventsRequest; after: FeedPosition } | undefined {
  try {
    const body = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as {
      r: { filter: EventFilter; eventCreatedDateTime?: PositionBounds; eventDateTime?: Record<string, string> };
      a: FeedPosition;
    };
    if (!Number.isSafeInteger(body?.a) || typeof body.r?.filter !== 'object') {
      return undefined;
    }
    return {
      request: {
        filter: body.r.filter,
        eventCreatedDateTime: body.r.eventCreatedDateTime,
        eventDateTime: reviveDates(body.r.eventDateTime),
      },
      after: body.a,
    };
  } catch {
    return undefined;
  }
}

/** `GET /v2/events`'s query string as a feed query, or every reason it is not one. */
export function parseEventsQuery(query: Query): Parsed<FeedQuery & { request: EventsRequest }> {
  const errors: string[] = [];
  const limit = parseLimit(query.limit, errors);
  if (query.cursor !== undefined) {
    const others = Object.keys(query).filter((name) => name !== 'cursor' && name !== 'limit');
    const decoded = text(query.cursor) === undefined ? undefined : decodeEventsCursor(text(query.cursor)!);
    if (others.length > 0) {
      errors.push(`cursor: carries the filters of its query; send it with limit only, not ${others.join(', ')}`);
    } else if (decoded === undefined) {
      errors.push('cursor: not a cursor this API gave (take it from a Next-Page header)');
    }
    return errors.length > 0
      ? { ok: false, errors }
      : { ok: true, value: { ...decoded!.request, request: decoded!.request, after: decoded!.after, limit } };
  }
  const request = parseFilters(query, errors);
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value: { ...request, request, limit } };
}

const SETTINGS_FIELDS = new Set(['callbackUrl', 'secret', 'subscriptionID']);

/**
 * A subscription body (POST and PUT, DCSA 2.2): a callback URL and filters, each filter a list (its values are
 * alternatives) or one string. On POST a `secret` may be given (Base64); without one the platform makes one.
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
  const filter: Partial<Record<FilterName, string[]>> = {};
  for (const [name, raw] of Object.entries(fields)) {
    if (SETTINGS_FIELDS.has(name) || raw === null) {
      continue;
    }
    if (!isFilterName(name)) {
      errors.push(`${name}: not a subscription filter of this API (see /v2/openapi.yaml)`);
      continue;
    }
    const values = Array.isArray(raw) ? raw : [raw];
    const error = filterValueError(name, values);
    if (error !== undefined) {
      errors.push(error);
    } else {
      filter[name] = (values as string[]).map((value) => normalisedFilterValue(name, value));
    }
  }
  return errors.length > 0
    ? { ok: false, errors }
    : {
        ok: true,
        value: {
          callbackUrl: callbackUrl as string,
          filter,
          ...(typeof fields.secret === 'string' && mode === 'create' ? { secret: fields.secret } : {}),
        },
      };
}

import { filterValueError, isFilterName, type EventFilter } from './event-filter';
import type { PositionBounds } from './event-feed.repository';
import type { FeedPosition } from './feed-position';
import { openCursor, signCursor } from './signed-cursor';

/**
 * The partner API's page cursors: what each carries, signed (signed-cursor.ts), and read back only when the
 * signature holds and the content has exactly the shape written here: plain JSON objects with the expected keys,
 * strings and whole numbers, filter values that pass the filters' own checks. Nothing a client could smuggle in (an
 * operator object, an extra key) passes, even were it signed.
 */

/** What a page of `GET /v2/events` asks for, all but its place and size. Times are feed positions (µs). */
export interface EventsRequest {
  readonly filter: EventFilter;
  readonly eventCreatedDateTime?: PositionBounds;
  readonly eventDateTime?: PositionBounds;
}

/** A request and the position its next page starts after. */
export interface EventsCursor {
  readonly request: EventsRequest;
  readonly after?: FeedPosition;
}

/** The last subscription of a page of the list (they are listed in id order). */
export interface SubscriptionsCursor {
  readonly afterId: string;
}

/** The last attempt of a page (newest first): the next page is older. */
export interface AttemptsCursor {
  readonly before: { readonly at: Date; readonly id: string };
}

const BOUNDS = ['gte', 'gt', 'lte', 'lt'];

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;
}

function hasOnly(value: Record<string, unknown>, keys: readonly string[], required: readonly string[] = []): boolean {
  return Object.keys(value).every((key) => keys.includes(key)) && required.every((key) => key in value);
}

const isPosition = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;
const isShortText = (value: unknown): value is string => typeof value === 'string' && value.length <= 200;

function boundsOf(value: unknown): PositionBounds | undefined | false {
  if (value === undefined) {
    return undefined;
  }
  return isPlainObject(value) && hasOnly(value, BOUNDS) && Object.values(value).every(isPosition) ? value : false;
}

function filterOf(value: unknown): EventFilter | undefined {
  if (!isPlainObject(value)) {
    return undefined;
  }
  const entries = Object.entries(value);
  const valid = entries.every(
    ([name, values]) =>
      isFilterName(name) &&
      Array.isArray(values) &&
      // An empty list is what a filter and its deprecated alias with different values leave: it matches nothing.
      (values.length === 0 || filterValueError(name, values) === undefined),
  );
  return valid ? Object.fromEntries(entries) : undefined;
}

export function eventsCursor({ request, after }: EventsCursor): string {
  return signCursor('events', {
    f: request.filter,
    ...(request.eventCreatedDateTime === undefined ? {} : { c: request.eventCreatedDateTime }),
    ...(request.eventDateTime === undefined ? {} : { d: request.eventDateTime }),
    ...(after === undefined ? {} : { a: after }),
  });
}

export function readEventsCursor(cursor: string): EventsCursor | undefined {
  const value = openCursor('events', cursor);
  if (!isPlainObject(value) || !hasOnly(value, ['f', 'c', 'd', 'a'], ['f'])) {
    return undefined;
  }
  const filter = filterOf(value.f);
  const created = boundsOf(value.c);
  const happened = boundsOf(value.d);
  if (
    filter === undefined ||
    created === false ||
    happened === false ||
    !(value.a === undefined || isPosition(value.a))
  ) {
    return undefined;
  }
  return {
    request: {
      filter,
      ...(created === undefined ? {} : { eventCreatedDateTime: created }),
      ...(happened === undefined ? {} : { eventDateTime: happened }),
    },
    ...(value.a === undefined ? {} : { after: value.a }),
  };
}

export function subscriptionsCursor({ afterId }: SubscriptionsCursor): string {
  return signCursor('subscriptions', { s: afterId });
}

export function readSubscriptionsCursor(cursor: string): SubscriptionsCursor | undefined {
  const value = openCursor('subscriptions', cursor);
  return isPlainObject(value) && hasOnly(value, ['s'], ['s']) && isShortText(value.s)
    ? { afterId: value.s }
    : undefined;
}

export function attemptsCursor({ before }: AttemptsCursor): string {
  return signCursor('attempts', { t: before.at.getTime(), i: before.id });
}

export function readAttemptsCursor(cursor: string): AttemptsCursor | undefined {
  const value = openCursor('attempts', cursor);
  return isPlainObject(value) && hasOnly(value, ['t', 'i'], ['t', 'i']) && isPosition(value.t) && isShortText(value.i)
    ? { before: { at: new Date(value.t), id: value.i } }
    : undefined;
}

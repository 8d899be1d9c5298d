import { openCursor, signCursor } from '@mmt/dcsa';
import { badInput } from '../graphql-errors';

/** The GraphQL lists paged by cursor: a cursor of one is refused by the other. */
export type PagedList = 'journeys' | 'alerts';

/** Opaque page cursors: the last item's sort key, signed by the platform so that a client cannot forge one. */
export function encodeCursor(parts: readonly string[], list: PagedList = 'journeys'): string {
  return signCursor(list, parts);
}

export function decodeCursor(
  cursor: string | undefined | null,
  length: number,
  list: PagedList = 'journeys',
): string[] | undefined {
  if (cursor === undefined || cursor === null) {
    return undefined;
  }
  const parts = openCursor(list, cursor);
  if (Array.isArray(parts) && parts.length === length && parts.every((p) => typeof p === 'string')) {
    return parts;
  }
  throw badInput(`after: "${cursor.slice(0, 200)}" is not a cursor this API returned`);
}

export function pageSize(first: number | undefined | null, max: number): number {
  const size = first ?? 20;
  if (!Number.isInteger(size) || size < 1 || size > max) {
    throw badInput(`first: must be between 1 and ${max}, got ${String(first)}`);
  }
  return size;
}

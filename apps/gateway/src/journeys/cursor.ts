import { badInput } from '../graphql-errors';

/** Opaque page cursors: base64url of the last item's sort key. */
export function encodeCursor(parts: readonly string[]): string {
  return Buffer.from(JSON.stringify(parts), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string | undefined | null, length: number): string[] | undefined {
  if (cursor === undefined || cursor === null) {
    return undefined;
  }
  try {
    const parts: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(parts) && parts.length === length && parts.every((p) => typeof p === 'string')) {
      return parts;
    }
  } catch {
    // falls through to the error below
  }
  throw badInput(`after: "${cursor}" is not a cursor this API returned`);
}

export function pageSize(first: number | undefined | null, max: number): number {
  const size = first ?? 20;
  if (!Number.isInteger(size) || size < 1 || size > max) {
    throw badInput(`first: must be between 1 and ${max}, got ${String(first)}`);
  }
  return size;
}

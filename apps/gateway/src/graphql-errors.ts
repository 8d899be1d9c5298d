import { GraphQLError } from 'graphql';

export function notFound(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'NOT_FOUND' } });
}

export function badInput(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } });
}

export function unauthenticated(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
}

export function forbidden(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'FORBIDDEN', http: { status: 403 } } });
}

/** A resume cursor the gateway can no longer serve: the client reads the current state again and starts afresh. */
export function cursorExpired(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'CURSOR_EXPIRED' } });
}

/**
 * The codes of errors that are the caller's to fix, not the platform's: its input, its key and rights, its limits, a
 * stale cursor. The caller is told why; the gateway's own log needs no more than a line (see resolver-errors.ts).
 */
export const CALLER_ERROR_CODES: ReadonlySet<string> = new Set([
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'CONFLICT',
  'CURSOR_EXPIRED',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'RATE_LIMITED',
  'TOO_MANY_SUBSCRIPTIONS',
  'QUERY_TOO_DEEP',
  'TOO_MANY_ALIASES',
  'QUERY_TOO_COSTLY',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
]);

/** The code of an error the caller caused (CALLER_ERROR_CODES), or undefined for any other: the platform's own. */
export function callerErrorCode(error: unknown): string | undefined {
  const code = error instanceof GraphQLError ? error.extensions.code : undefined;
  return typeof code === 'string' && CALLER_ERROR_CODES.has(code) ? code : undefined;
}

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

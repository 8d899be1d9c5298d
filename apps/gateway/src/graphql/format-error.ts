import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { formatLimitError } from '../limits/query-limits';
import { ScalarValueError } from './scalars';

/** How far down `originalError` a scalar's refusal is looked for (Apollo and graphql-js wrap it at most twice). */
const WRAPPINGS = 4;

function refusedByScalar(error: unknown): boolean {
  let cause = error;
  for (let depth = 0; depth <= WRAPPINGS && cause instanceof Error; depth += 1) {
    if (cause instanceof ScalarValueError) {
      return true;
    }
    cause = cause instanceof GraphQLError ? cause.originalError : undefined;
  }
  return false;
}

/**
 * Apollo answers a value written in the query that a scalar refuses as GRAPHQL_VALIDATION_FAILED (it is found
 * while validating); a variable's as BAD_USER_INPUT. Both are the caller's bad input: both get BAD_USER_INPUT.
 */
export function formatGatewayError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const limited = formatLimitError(formatted, error);
  return refusedByScalar(error)
    ? { ...limited, extensions: { ...limited.extensions, code: 'BAD_USER_INPUT' } }
    : limited;
}

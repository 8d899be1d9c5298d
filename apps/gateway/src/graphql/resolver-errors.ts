import { type ArgumentsHost, Logger } from '@nestjs/common';
import { ExternalExceptionFilter } from '@nestjs/core/exceptions/external-exception-filter';
import type { GraphQLResolveInfo } from 'graphql';
import { callerErrorCode } from '../graphql-errors';

const logger = new Logger('GraphQL');

/**
 * What becomes of an error that a resolver, its guard or a subscription's opening throws: it is logged, then
 * rethrown for graphql-js to answer the caller with. Nest's own handler logs every one as an ERROR with its stack;
 * an error the caller is to fix (callerErrorCode: a bad argument, a stale cursor, a refused key...) is no fault of
 * the platform and gets one info line, with its code and no stack. Any other error stays Nest's ERROR.
 */
export function rethrowResolverError(exception: unknown, host: ArgumentsHost): never {
  const code = callerErrorCode(exception);
  if (code === undefined) {
    return new ExternalExceptionFilter().catch(exception, host) as never;
  }
  const field = host.getArgByIndex<GraphQLResolveInfo | undefined>(3)?.fieldName;
  logger.log({ message: `${field ?? 'request'} refused: ${(exception as Error).message}`, code, field });
  throw exception;
}

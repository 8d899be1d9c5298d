import { randomUUID } from 'node:crypto';
import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Inject } from '@nestjs/common';
import { BaseExceptionFilter, HttpAdapterHost } from '@nestjs/core';
import { DCSA_API_VERSION } from '@mmt/dcsa';
import { logLine } from '@mmt/platform';
import { rethrowResolverError } from '../graphql/resolver-errors';
import { DcsaError, dcsaErrorBody, reasonOf } from './dcsa-error';
import { isPartnerPath, type PartnerRequest, type PartnerResponse } from './partner-http';

/** An error body-parser throws (http-errors): `expose` says its message is meant for the client. */
interface HttpError {
  status?: number;
  expose?: boolean;
  type?: string;
  limit?: number;
  message?: string;
}

/** Store errors that mean "not reachable now", answered 503 rather than 500. */
const UNAVAILABLE = new Set([
  'MongoNetworkError',
  'MongoNetworkTimeoutError',
  'MongoServerSelectionError',
  'MongoNotConnectedError',
  'MongoTopologyClosedError',
  'PoolClearedError',
]);

/** Whether an error is the body parser's refusal of the caller's request (http-errors): a 4xx it may be told. */
function refusedRequest(exception: unknown): exception is HttpError & { status: number } {
  const error = exception as HttpError;
  return error.expose === true && typeof error.status === 'number' && error.status >= 400 && error.status < 500;
}

/**
 * A request the body parser refused (over the size limit, malformed JSON) as the HttpException that Nest answers
 * with the same status and body, but does not log as an ERROR with its stack: it is the caller's to fix.
 */
function asCallerRefusal(exception: unknown): unknown {
  return refusedRequest(exception)
    ? new HttpException({ statusCode: exception.status, message: exception.message }, exception.status)
    : exception;
}

interface Answer {
  readonly status: number;
  readonly reason: string;
  readonly messages: readonly string[];
  readonly headers?: Readonly<Record<string, string>>;
}

/**
 * The one place the partner API's failures become answers: every 4xx and 5xx under /v2 is DCSA's error body with
 * the API-Version header, whatever raised it: a guard, pipe or handler (DcsaError), Nest's router (an unknown route
 * or method: 404), the JSON body parser (malformed JSON: 400; over the size limit: 413), or anything unexpected.
 * An unexpected error is a 5xx whose body says only "internal error" and an id; the log line has the id, the
 * request and the real cause, so no database text or stack ever reaches a client. Requests outside /v2 are answered
 * as Nest would without this filter; GraphQL's errors are logged by rethrowResolverError (a caller's error is no
 * ERROR) and answered by graphql-js.
 */
@Catch()
export class DcsaExceptionFilter implements ExceptionFilter {
  constructor(@Inject(HttpAdapterHost) private readonly adapterHost: HttpAdapterHost) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') {
      return rethrowResolverError(exception, host);
    }
    const req = host.switchToHttp().getRequest<PartnerRequest>();
    const res = host.switchToHttp().getResponse<PartnerResponse>();
    if (!isPartnerPath(req.originalUrl ?? req.url)) {
      return new BaseExceptionFilter(this.adapterHost.httpAdapter).catch(asCallerRefusal(exception), host);
    }
    const answer = this.answer(exception, req);
    if (res.headersSent) {
      return;
    }
    res.setHeader('API-Version', DCSA_API_VERSION);
    Object.entries(answer.headers ?? {}).forEach(([name, value]) => res.setHeader(name, value));
    res.status(answer.status).json(dcsaErrorBody(req, answer.status, answer.reason, answer.messages));
  }

  private answer(exception: unknown, req: PartnerRequest): Answer {
    if (exception instanceof DcsaError) {
      return {
        status: exception.getStatus(),
        reason: exception.reason,
        messages: exception.messages,
        headers: exception.headers,
      };
    }
    if (exception instanceof HttpException) {
      return this.fromNest(exception, req);
    }
    const error = exception as HttpError;
    if (error.type === 'entity.too.large') {
      return {
        status: 413,
        reason: 'payloadTooLarge',
        messages: [`body: larger than the limit of ${error.limit} bytes`],
      };
    }
    if (refusedRequest(error)) {
      return { status: error.status, reason: reasonOf(error.status), messages: [`body: ${error.message}`] };
    }
    return this.unexpected(exception, req);
  }

  /** What Nest itself raises before a handler: the router's 404, body-parser's SyntaxError (mapped to a 400). */
  private fromNest(exception: HttpException, req: PartnerRequest): Answer {
    const status = exception.getStatus();
    if (status === 404) {
      const path = req.originalUrl.split('?')[0];
      return { status, reason: 'notFound', messages: [`No ${req.method} ${path} in this API (see /v2/openapi.yaml)`] };
    }
    if (status === 400) {
      return { status, reason: 'invalidInput', messages: [`body: not valid JSON (${exception.message})`] };
    }
    return status >= 500
      ? this.unexpected(exception, req)
      : { status, reason: reasonOf(status), messages: [exception.message] };
  }

  private unexpected(exception: unknown, req: PartnerRequest): Answer {
    const id = randomUUID();
    const error = exception instanceof Error ? exception : new Error(String(exception));
    const status = UNAVAILABLE.has(error.name) ? 503 : 500;
    logLine('gateway', 'error', `partner API: ${req.method} ${req.originalUrl} failed (id ${id}): ${error.message}`, {
      errorId: id,
      status,
      method: req.method,
      url: req.originalUrl,
      error: `${error.name}: ${error.message}`,
      stack: error.stack,
    });
    const message = status === 503 ? 'service unavailable, try again shortly' : 'internal error';
    return { status, reason: status === 503 ? 'unavailable' : 'internalError', messages: [`${message} (id ${id})`] };
  }
}

import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import type { Observable } from 'rxjs';
import { DCSA_API_VERSION } from '@mmt/dcsa';
import { DcsaError } from './dcsa-error';
import type { PartnerRequest, PartnerResponse } from './partner-http';

const MAJOR = DCSA_API_VERSION.split('.')[0];

/**
 * Why a request's `API-Version` header cannot be served, or undefined. DCSA: the header is optional; when sent it
 * holds the major version only, and must agree with the URI's (/v2). `2.2` and `2.2.0` are taken as asking for 2.
 */
export function apiVersionProblem(header: string | string[] | undefined): string | undefined {
  if (header === undefined) {
    return undefined;
  }
  const asked = Array.isArray(header) ? header.join(',') : header.trim();
  const major = /^(\d+)(?:\.\d+){0,2}$/.exec(asked)?.[1];
  return major === MAJOR
    ? undefined
    : `API-Version: this is major version ${MAJOR} of the API (${DCSA_API_VERSION}, at /v${MAJOR}); send ` +
        `API-Version: ${MAJOR} or none, not ${JSON.stringify(asked)}`;
}

/**
 * Every partner response says which contract it follows (`API-Version: 2.2.0`), 204s included: set before the
 * handler runs, so it is there whatever the handler sends. A request asking for another major version is a 400.
 * (Errors raised before this runs get the header from DcsaExceptionFilter.)
 */
@Injectable()
export class ApiVersionInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    http.getResponse<PartnerResponse>().setHeader('API-Version', DCSA_API_VERSION);
    const problem = apiVersionProblem(http.getRequest<PartnerRequest>().headers['api-version']);
    if (problem !== undefined) {
      throw new DcsaError(400, 'invalidHeader', [problem]);
    }
    return next.handle();
  }
}

import type { IncomingMessage, ServerResponse } from 'node:http';
import { apiKeyFromHeaders } from '@mmt/access';
import { DCSA_API_VERSION } from '@mmt/dcsa';
import { callerOf, type RateLimiter } from './rate-limit';

/** Which API a path belongs to, for the shape of its 429; undefined for what is not limited. */
export type LimitedApi = 'partner' | 'graphql';

/**
 * The partner API (`/v2/...`, but not its OpenAPI document) and GraphQL over HTTP are limited; health, metrics,
 * the web app's files and share links are not. Express matches routes ignoring case and a trailing slash, so
 * this does too, and it collapses repeated slashes, so that no spelling of a limited route slips past.
 */
export function limitedApi(url: string): LimitedApi | undefined {
  const raw = url.split('?')[0].split('#')[0];
  let path: string;
  try {
    path = decodeURIComponent(raw);
  } catch {
    path = raw;
  }
  path = path
    .toLowerCase()
    .replace(/\/{2,}/g, '/')
    .replace(/\/+$/, '');
  if (path === '/graphql') {
    return 'graphql';
  }
  if ((path === '/v2' || path.startsWith('/v2/')) && path !== '/v2/openapi.yaml') {
    return 'partner';
  }
  return undefined;
}

/** What a 429 (or a refused subscribe) says: who is limited, the limit, and when to come back. */
export function tooManyMessage(limiter: RateLimiter, byKey: boolean, retryAfterSeconds: number): string {
  return `Too many requests for this ${byKey ? 'API key' : 'client address'}: the limit is ${limiter.describe()}; retry after ${retryAfterSeconds} s`;
}

/** The partner API's error body (DCSA Track & Trace 2.2), as for any of its errors. */
function partnerBody(req: IncomingMessage, message: string): unknown {
  return {
    httpMethod: req.method,
    requestUri: req.url,
    statusCode: 429,
    statusCodeText: 'Too Many Requests',
    errorDateTime: new Date().toISOString(),
    errors: [{ reason: 'tooManyRequests', message }],
  };
}

/** A GraphQL response with one error, as Apollo answers a request it refuses. */
function graphqlBody(message: string, retryAfterSeconds: number): unknown {
  return { errors: [{ message, extensions: { code: 'RATE_LIMITED', retryAfterSeconds } }] };
}

/**
 * An Express middleware, mounted before the body parser: a request to a limited API takes a token from its
 * caller's bucket (its API key, else its address), or is answered 429 with `Retry-After` (whole seconds) in the
 * API's own error shape, before anything is parsed or looked up.
 */
export function rateLimitMiddleware(limiter: RateLimiter) {
  return (req: IncomingMessage, res: ServerResponse, next: () => void): void => {
    const api = limiter.enabled ? limitedApi(req.url ?? '/') : undefined;
    if (api === undefined) {
      next();
      return;
    }
    const apiKey = apiKeyFromHeaders(req.headers);
    const verdict = limiter.take(callerOf(apiKey, req.socket.remoteAddress));
    if (verdict.allowed) {
      next();
      return;
    }
    const message = tooManyMessage(limiter, apiKey !== undefined, verdict.retryAfterSeconds);
    const body = api === 'partner' ? partnerBody(req, message) : graphqlBody(message, verdict.retryAfterSeconds);
    res.statusCode = 429;
    res.setHeader('Retry-After', String(verdict.retryAfterSeconds));
    res.setHeader('Content-Type', 'application/json; charset=utf-8');
    if (api === 'partner') {
      res.setHeader('API-Version', DCSA_API_VERSION);
    }
    res.end(JSON.stringify(body));
  };
}

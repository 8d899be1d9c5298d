import { apiKeyFromHeaders, type ApiKeysRepository, type Principal } from '@mmt/access';
import { DCSA_API_VERSION } from '@mmt/dcsa';

/** What the partner API handlers use of Express's request and response. */
export interface DcsaRequest {
  readonly method: string;
  readonly originalUrl: string;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly query: Record<string, unknown>;
  readonly body?: unknown;
}

export interface DcsaResponse {
  status(code: number): DcsaResponse;
  setHeader(name: string, value: string): void;
  json(body: unknown): void;
  type(type: string): DcsaResponse;
  send(body?: string): void;
  end(): void;
}

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  404: 'Not Found',
  503: 'Service Unavailable',
};

/** Sends a DCSA error body: what was asked, the status, and one entry per reason with what to fix. */
export function sendError(
  req: DcsaRequest,
  res: DcsaResponse,
  statusCode: number,
  reason: string,
  messages: readonly string[],
): void {
  res.setHeader('API-Version', DCSA_API_VERSION);
  res.status(statusCode).json({
    httpMethod: req.method,
    requestUri: req.originalUrl,
    statusCode,
    statusCodeText: STATUS_TEXT[statusCode] ?? 'Error',
    errorDateTime: new Date().toISOString(),
    errors: messages.map((message) => ({ reason, message })),
  });
}

export function sendJson(res: DcsaResponse, statusCode: number, body: unknown): void {
  res.setHeader('API-Version', DCSA_API_VERSION);
  res.status(statusCode).json(body);
}

/** The caller from its API key, as on GraphQL; otherwise a 401 is sent and undefined returned. */
export async function authenticate(
  keys: ApiKeysRepository,
  req: DcsaRequest,
  res: DcsaResponse,
): Promise<Principal | undefined> {
  const apiKey = apiKeyFromHeaders(req.headers);
  const principal = apiKey === undefined ? undefined : await keys.authenticate(apiKey);
  if (principal === undefined) {
    sendError(req, res, 401, 'unauthorized', [
      apiKey === undefined
        ? 'No API key: send it in the x-api-key header (or Authorization: Bearer <key>)'
        : 'API key not recognised or revoked',
    ]);
  }
  return principal;
}

/** Runs a handler, answering 503 with the cause when the store (or anything else) fails under it. */
export async function guarded(req: DcsaRequest, res: DcsaResponse, handler: () => Promise<void>): Promise<void> {
  try {
    await handler();
  } catch (error) {
    sendError(req, res, 503, 'unavailable', [
      `Could not answer: ${error instanceof Error ? error.message : String(error)}`,
    ]);
  }
}

import type { IncomingHttpHeaders } from 'node:http';
import { apiKeyFromHeaders, type ApiKeysRepository, type Principal } from '@mmt/access';
import { unauthenticated } from '../graphql-errors';

/** What every resolver gets: the caller, from its API key, never from an argument. */
export interface GatewayContext {
  readonly principal: Principal;
  /** Over graphql-ws only: ends the connection, e.g. for a subscriber that cannot keep up. */
  readonly closeConnection?: (code: number, reason: string) => void;
}

/** Per-connection state that graphql-ws keeps in `ctx.extra`. */
export interface ConnectionExtra {
  principal?: Principal;
  apiKey?: string;
  subscriptions?: Set<string>;
  socket?: { close(code: number, reason: string): void };
}

export async function httpContext(keys: ApiKeysRepository, headers: IncomingHttpHeaders): Promise<GatewayContext> {
  const apiKey = apiKeyFromHeaders(headers);
  if (apiKey === undefined) {
    throw unauthenticated('No API key: send it in the x-api-key header (or Authorization: Bearer <key>)');
  }
  const principal = await keys.authenticate(apiKey);
  if (principal === undefined) {
    throw unauthenticated('API key not recognised or revoked');
  }
  return { principal };
}

export function wsContext(extra: ConnectionExtra): GatewayContext {
  if (extra.principal === undefined) {
    throw unauthenticated('Connection not authenticated');
  }
  return {
    principal: extra.principal,
    closeConnection: (code, reason) => extra.socket?.close(code, reason),
  };
}

export function apiKeyFromConnectionParams(params: Readonly<Record<string, unknown>> | undefined): string | undefined {
  const key = params?.apiKey ?? params?.['x-api-key'];
  return typeof key === 'string' ? key : undefined;
}

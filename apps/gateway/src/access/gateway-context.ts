import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import { apiKeyFromHeaders, type ApiKeysRepository, type Principal, refusalMessage } from '@mmt/access';
import { unauthenticated } from '../graphql-errors';

/** What every resolver gets: the caller, from its API key, never from an argument. */
export interface GatewayContext {
  readonly principal: Principal;
  /** Over graphql-ws only: ends the connection, e.g. for a subscriber that cannot keep up. */
  readonly closeConnection?: (code: number, reason: string) => void;
}

/** Per-connection state that graphql-ws keeps in `ctx.extra` (`socket` and `request` come from graphql-ws). */
export interface ConnectionExtra {
  principal?: Principal;
  apiKey?: string;
  subscriptions?: Set<string>;
  socket?: { close(code: number, reason: string): void };
  request?: Pick<IncomingMessage, 'socket'>;
}

/** The caller of an HTTP request; a missing, unknown, revoked or expired key is a 401 that says which. */
export async function httpContext(keys: ApiKeysRepository, headers: IncomingHttpHeaders): Promise<GatewayContext> {
  const checked = await keys.check(apiKeyFromHeaders(headers));
  if (!checked.ok) {
    throw unauthenticated(refusalMessage(checked.refusal));
  }
  return { principal: checked.principal };
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

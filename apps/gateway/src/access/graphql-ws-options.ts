import { GraphQLError, specifiedRules, validate, type DocumentNode, type GraphQLSchema } from 'graphql';
import type { GraphQLWsSubscriptionsConfig } from '@nestjs/graphql';
import type { Context } from 'graphql-ws';
import { type ApiKeysRepository, refusalMessage } from '@mmt/access';
import { LIMIT_RULES, QUERY_LIMITS } from '../limits/query-limits';
import { callerOf, type RateLimiter } from '../limits/rate-limit';
import { tooManyMessage } from '../limits/rate-limit-http';
import { apiKeyFromConnectionParams, type ConnectionExtra } from './gateway-context';
import { METRICS } from '@mmt/metrics';

type WsContext = Context<Record<string, unknown> | undefined, unknown>;

function extraOf(ctx: WsContext): ConnectionExtra {
  return ctx.extra as ConnectionExtra;
}

/** graphql-ws's code for "too many requests"; the reason says when to come back. */
const RATE_LIMITED_CLOSE = 4429;
/** What a WebSocket close reason may hold. */
const MAX_CLOSE_REASON_BYTES = 123;

function closeReason(text: string): string {
  let reason = text;
  while (Buffer.byteLength(reason) > MAX_CLOSE_REASON_BYTES) {
    reason = reason.slice(0, -1);
  }
  return reason;
}

/**
 * graphql-ws settings: authenticate on connect (a refused connection closes with 4403 and the reason), check
 * the key again on every subscribe (a revoked or expired key stops new subscriptions), and bound what one
 * connection may ask: subscriptions at once, payload size, time to send connection_init. Each connect and each
 * subscribe takes a token from the key's rate-limit bucket, the one its HTTP requests use: a connect over the
 * limit closes with 4429, a subscribe over it gets a RATE_LIMITED error.
 */
export function graphqlWsOptions(keys: ApiKeysRepository, limiter: RateLimiter): GraphQLWsSubscriptionsConfig {
  const options = {
    connectionInitWaitTimeout: QUERY_LIMITS.connectionInitTimeoutMs,
    validate: (schema: GraphQLSchema, document: DocumentNode) =>
      validate(schema, document, [...specifiedRules, ...LIMIT_RULES]),
    onConnect: async (ctx: WsContext) => {
      const extra = extraOf(ctx);
      const apiKey = apiKeyFromConnectionParams(ctx.connectionParams);
      const verdict = limiter.take(callerOf(apiKey, extra.request?.socket.remoteAddress));
      if (!verdict.allowed) {
        // Closed here with its own code; graphql-ws's 4403 that follows finds the socket closing and is dropped.
        extra.socket?.close(
          RATE_LIMITED_CLOSE,
          closeReason(`Too many requests: retry after ${verdict.retryAfterSeconds} s`),
        );
        return false;
      }
      const checked = await keys.check(apiKey);
      if (!checked.ok) {
        extra.socket?.close(4403, closeReason(refusalMessage(checked.refusal)));
        return false;
      }
      Object.assign(extra, { principal: checked.principal, apiKey, subscriptions: new Set<string>() });
      METRICS.connections.inc();
      return true;
    },
    onDisconnect: (ctx: WsContext) => {
      const subscriptions = extraOf(ctx).subscriptions;
      METRICS.connections.dec();
      METRICS.subscriptions.dec(subscriptions?.size ?? 0);
      subscriptions?.clear();
    },
    onSubscribe: async (ctx: WsContext, id: string, payload: unknown) => {
      const verdict = limiter.take(callerOf(extraOf(ctx).apiKey, extraOf(ctx).request?.socket.remoteAddress));
      if (!verdict.allowed) {
        const { retryAfterSeconds } = verdict;
        return [
          new GraphQLError(tooManyMessage(limiter, true, retryAfterSeconds), {
            extensions: { code: 'RATE_LIMITED', retryAfterSeconds },
          }),
        ];
      }
      const size = Buffer.byteLength(JSON.stringify(payload ?? null));
      if (size > QUERY_LIMITS.maxPayloadBytes) {
        return [new GraphQLError(`Subscribe payload is ${size} bytes; the limit is ${QUERY_LIMITS.maxPayloadBytes}`)];
      }
      const extra = extraOf(ctx);
      // The slot is taken before any await, so subscribes that arrive together cannot all squeeze in.
      const subscriptions = extra.subscriptions ?? new Set<string>();
      extra.subscriptions = subscriptions;
      if (subscriptions.size >= QUERY_LIMITS.maxSubscriptionsPerConnection) {
        return [
          new GraphQLError(
            `This connection already has ${subscriptions.size} subscriptions; the limit is ${QUERY_LIMITS.maxSubscriptionsPerConnection}`,
            { extensions: { code: 'TOO_MANY_SUBSCRIPTIONS' } },
          ),
        ];
      }
      subscriptions.add(id);
      const checked = await keys.check(extra.apiKey);
      if (!checked.ok) {
        subscriptions.delete(id);
        return [new GraphQLError(refusalMessage(checked.refusal), { extensions: { code: 'UNAUTHENTICATED' } })];
      }
      METRICS.subscriptions.inc();
      return undefined;
    },
    onComplete: (ctx: WsContext, id: string) => {
      if (extraOf(ctx).subscriptions?.delete(id) === true) {
        METRICS.subscriptions.dec();
      }
    },
  };
  // Nest's type names a subset of graphql-ws's server options, but Nest hands all of them to useServer:
  // `validate` (to apply the limit rules to subscriptions) and `onComplete` are used at run time.
  return options;
}

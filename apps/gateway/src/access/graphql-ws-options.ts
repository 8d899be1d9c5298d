import { GraphQLError, specifiedRules, validate, type DocumentNode, type GraphQLSchema } from 'graphql';
import type { GraphQLWsSubscriptionsConfig } from '@nestjs/graphql';
import type { Context } from 'graphql-ws';
import type { ApiKeysRepository } from '@mmt/access';
import { LIMIT_RULES, QUERY_LIMITS } from '../limits/query-limits';
import { apiKeyFromConnectionParams, type ConnectionExtra } from './gateway-context';
import { METRICS } from '@mmt/metrics';

type WsContext = Context<Record<string, unknown> | undefined, unknown>;

function extraOf(ctx: WsContext): ConnectionExtra {
  return ctx.extra as ConnectionExtra;
}

/**
 * graphql-ws settings: authenticate on connect (a refused connection closes with 4403 Forbidden), check
 * the key again on every subscribe (a revoked key stops new subscriptions), and bound what one connection
 * may ask: subscriptions at once, payload size, time to send connection_init.
 */
export function graphqlWsOptions(keys: ApiKeysRepository): GraphQLWsSubscriptionsConfig {
  const options = {
    connectionInitWaitTimeout: QUERY_LIMITS.connectionInitTimeoutMs,
    validate: (schema: GraphQLSchema, document: DocumentNode) =>
      validate(schema, document, [...specifiedRules, ...LIMIT_RULES]),
    onConnect: async (ctx: WsContext) => {
      const apiKey = apiKeyFromConnectionParams(ctx.connectionParams);
      const principal = apiKey === undefined ? undefined : await keys.authenticate(apiKey);
      if (principal === undefined) {
        return false;
      }
      Object.assign(extraOf(ctx), { principal, apiKey, subscriptions: new Set<string>() });
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
      const principal = extra.apiKey === undefined ? undefined : await keys.authenticate(extra.apiKey);
      if (principal === undefined) {
        subscriptions.delete(id);
        return [new GraphQLError('API key not recognised or revoked', { extensions: { code: 'UNAUTHENTICATED' } })];
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

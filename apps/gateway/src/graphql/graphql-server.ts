import type { IncomingMessage } from 'node:http';
import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import type { DynamicModule } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import { ApiKeysRepository } from '@mmt/access';
import { StoreModule } from '@mmt/store';
import { type ConnectionExtra, httpContext, wsContext } from '../access/gateway-context';
import { graphqlWsOptions } from '../access/graphql-ws-options';
import { LIMIT_RULES } from '../limits/query-limits';
import type { RateLimiter } from '../limits/rate-limit';
import { timeBudgetPlugin, withTimeBudget } from '../limits/time-budget';
import { formatGatewayError } from './format-error';
import { SCALARS } from './scalars';
import { SCHEMA_FILE } from './schema-file';

export { SCHEMA_FILE };

/**
 * The GraphQL server (Apollo, over HTTP and graphql-ws) with the schema, the callers' context and the query
 * limits. The resolvers come from the feature modules; this module knows none of them.
 */
export function graphqlServer(requestTimeBudgetMs: number, limiter: RateLimiter): DynamicModule {
  return GraphQLModule.forRootAsync<ApolloDriverConfig>({
    driver: ApolloDriver,
    imports: [StoreModule.forFeature([ApiKeysRepository])],
    inject: [ApiKeysRepository],
    useFactory: (keys: ApiKeysRepository): ApolloDriverConfig => {
      return {
        typePaths: [SCHEMA_FILE],
        resolvers: SCALARS,
        path: '/graphql',
        playground: false,
        introspection: true,
        includeStacktraceInErrorResponses: false,
        validationRules: LIMIT_RULES,
        formatError: formatGatewayError,
        plugins: [timeBudgetPlugin(requestTimeBudgetMs)],
        transformSchema: withTimeBudget,
        context: (arg: { req?: IncomingMessage; extra?: ConnectionExtra }) =>
          arg.extra !== undefined ? wsContext(arg.extra) : httpContext(keys, arg.req?.headers ?? {}),
        subscriptions: { 'graphql-ws': graphqlWsOptions(keys, limiter) },
      };
    },
  });
}

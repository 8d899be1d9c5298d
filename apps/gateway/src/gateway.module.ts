import { join } from 'node:path';
import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import type { IncomingMessage } from 'node:http';
import type { Connection } from 'mongoose';
import { ApiKeysRepository } from '@mmt/access';
import { PlatformModule, STORE, type PlatformConfig } from '@mmt/platform';
import { AlertChanges } from './alerts/alert-changes';
import { AlertFeed } from './alerts/alert-feed';
import { AlertsResolver } from './alerts/alerts.resolver';
import { type ConnectionExtra, httpContext, wsContext } from './access/gateway-context';
import { graphqlWsOptions } from './access/graphql-ws-options';
import { JourneyQueries } from './journeys/journey-queries';
import { JourneyResolver } from './journeys/journey.resolver';
import { formatLimitError, LIMIT_RULES, QUERY_LIMITS } from './limits/query-limits';
import { RateLimiter, rateLimitSettingsFromEnv, type RateLimitSettings } from './limits/rate-limit';
import { timeBudgetPlugin, withTimeBudget } from './limits/time-budget';
import { DcsaExceptionFilter } from './partners/dcsa-exception.filter';
import { EventsController } from './partners/events.controller';
import { OpenApiController } from './partners/openapi.controller';
import { SubscriptionsController } from './partners/subscriptions.controller';
import { StatisticsResolver } from './statistics/statistics.resolver';
import { ShareLinks } from './share/share-links';
import { ShareResolver } from './share/share.resolver';
import { StoreIndexes } from './store-indexes';
import { JourneyUpdateHub } from './updates/journey-update-hub';
import { JourneyUpdatesResolver } from './updates/journey-updates.resolver';
import { TrackingEventStream } from './updates/tracking-event-stream';
import { TrackingEventsResolver } from './updates/tracking-events.resolver';

export const SCHEMA_FILE = join(__dirname, 'schema.graphql');

export interface GatewayOptions {
  /** Overrides the limit in `QUERY_LIMITS` (tests use it to reach the budget on purpose). */
  requestTimeBudgetMs?: number;
  /** Requests per API key (or client address); default from GATEWAY_RATE_LIMIT_PER_MINUTE / _BURST. */
  rateLimit?: RateLimitSettings;
}

@Module({})
export class GatewayModule {
  static forRoot(
    config: PlatformConfig,
    { requestTimeBudgetMs = QUERY_LIMITS.requestTimeBudgetMs, rateLimit }: GatewayOptions = {},
  ): DynamicModule {
    // One limiter for HTTP (a middleware startGateway mounts) and graphql-ws, so a key has one budget for both.
    const limiter = new RateLimiter(rateLimit ?? rateLimitSettingsFromEnv());
    return {
      module: GatewayModule,
      imports: [
        PlatformModule.forRoot(config, 'gateway'),
        GraphQLModule.forRootAsync<ApolloDriverConfig>({
          driver: ApolloDriver,
          inject: [STORE],
          useFactory: (store: Connection): ApolloDriverConfig => {
            const keys = new ApiKeysRepository(store);
            return {
              typePaths: [SCHEMA_FILE],
              path: '/graphql',
              playground: false,
              introspection: true,
              includeStacktraceInErrorResponses: false,
              validationRules: LIMIT_RULES,
              formatError: formatLimitError,
              plugins: [timeBudgetPlugin(requestTimeBudgetMs)],
              transformSchema: withTimeBudget,
              context: (arg: { req?: IncomingMessage; extra?: ConnectionExtra }) =>
                arg.extra !== undefined ? wsContext(arg.extra) : httpContext(keys, arg.req?.headers ?? {}),
              subscriptions: { 'graphql-ws': graphqlWsOptions(keys, limiter) },
            };
          },
        }),
      ],
      controllers: [OpenApiController, EventsController, SubscriptionsController],
      providers: [
        // The partner API's errors in DCSA's body, for every 4xx/5xx under /v2 (unknown routes and body-parser
        // errors included, which only a global filter sees); other paths and GraphQL are answered as before.
        { provide: APP_FILTER, useClass: DcsaExceptionFilter },
        { provide: RateLimiter, useValue: limiter },
        StoreIndexes,
        JourneyQueries,
        JourneyResolver,
        StatisticsResolver,
        JourneyUpdateHub,
        JourneyUpdatesResolver,
        TrackingEventStream,
        TrackingEventsResolver,
        AlertFeed,
        AlertChanges,
        AlertsResolver,
        ShareLinks,
        ShareResolver,
      ],
    };
  }
}

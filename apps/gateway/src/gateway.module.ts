import { type DynamicModule, Module } from '@nestjs/common';
import { PlatformModule, type PlatformConfig } from '@mmt/platform';
import { MeResolver } from './access/me.resolver';
import { AlertsModule } from './alerts/alerts.module';
import { EdiModule } from './edi/edi.module';
import { graphqlServer } from './graphql/graphql-server';
import { JourneysModule } from './journeys/journeys.module';
import { QUERY_LIMITS } from './limits/query-limits';
import { RateLimiter, rateLimitSettingsFromEnv, type RateLimitSettings } from './limits/rate-limit';
import { PartnersModule } from './partners/partners.module';
import { ShareModule } from './share/share.module';
import { StatisticsModule } from './statistics/statistics.module';
import { UpdatesModule } from './updates/updates.module';
import { WatchlistModule } from './watchlist/watchlist.module';

export { SCHEMA_FILE } from './graphql/graphql-server';

export interface GatewayOptions {
  /** Overrides the limit in `QUERY_LIMITS` (tests use it to reach the budget on purpose). */
  requestTimeBudgetMs?: number;
  /** Requests per API key (or client address); default from GATEWAY_RATE_LIMIT_PER_MINUTE / _BURST. */
  rateLimit?: RateLimitSettings;
}

/** The gateway: composes the platform, the GraphQL server and the feature modules; it serves nothing itself. */
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
        // Each feature module gets its repositories from StoreModule.forFeature, which creates their indexes.
        graphqlServer(requestTimeBudgetMs, limiter),
        JourneysModule,
        StatisticsModule,
        AlertsModule,
        PartnersModule,
        EdiModule,
        ShareModule,
        UpdatesModule,
        WatchlistModule,
      ],
      providers: [{ provide: RateLimiter, useValue: limiter }, MeResolver],
    };
  }
}

import { type DynamicModule, Module } from '@nestjs/common';
import { StatisticsRepository } from '@mmt/analytics';
import { consumerServiceModule, type PlatformConfig } from '@mmt/platform';
import { AnalyticsService } from './analytics.service';

@Module({})
export class AnalyticsModule {
  static forRoot(config: PlatformConfig): DynamicModule {
    return consumerServiceModule(AnalyticsModule, config, 'analytics', {
      repositories: [StatisticsRepository],
      providers: [AnalyticsService],
    });
  }
}

import { type DynamicModule, Module } from '@nestjs/common';
import { StatisticsRepository } from '@mmt/analytics';
import { consumerServiceModule, STORE, type PlatformConfig } from '@mmt/platform';
import { StoreModule } from '@mmt/store';
import { AnalyticsService } from './analytics.service';

@Module({})
export class AnalyticsModule {
  static forRoot(config: PlatformConfig): DynamicModule {
    return consumerServiceModule(AnalyticsModule, config, 'analytics', {
      imports: [StoreModule.forConnection(STORE), StoreModule.forFeature([StatisticsRepository])],
      providers: [AnalyticsService],
    });
  }
}

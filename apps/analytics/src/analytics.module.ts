import { type DynamicModule, Module } from '@nestjs/common';
import { PlatformModule, type PlatformConfig } from '@mmt/platform';
import { AnalyticsService } from './analytics.service';

@Module({})
export class AnalyticsModule {
  static forRoot(config: PlatformConfig): DynamicModule {
    return {
      module: AnalyticsModule,
      imports: [PlatformModule.forRoot(config, 'analytics')],
      providers: [AnalyticsService],
    };
  }
}

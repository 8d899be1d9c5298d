import { type DynamicModule, Module } from '@nestjs/common';
import { PlatformModule, type PlatformConfig } from '@mmt/platform';
import { AlertsService } from './alerts.service';

@Module({})
export class AlertsModule {
  static forRoot(config: PlatformConfig): DynamicModule {
    return {
      module: AlertsModule,
      imports: [PlatformModule.forRoot(config, 'alerts')],
      providers: [AlertsService],
    };
  }
}

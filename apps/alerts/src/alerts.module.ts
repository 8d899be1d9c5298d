import { type DynamicModule, Module } from '@nestjs/common';
import { consumerServiceModule, type PlatformConfig } from '@mmt/platform';
import { ALERTS_OPTIONS, alertsOptionsFromEnv, type AlertsOptions } from './alerts-options';
import { AlertsService } from './alerts.service';

@Module({})
export class AlertsModule {
  static forRoot(config: PlatformConfig, options: AlertsOptions = alertsOptionsFromEnv()): DynamicModule {
    return consumerServiceModule(AlertsModule, config, 'alerts', {
      providers: [{ provide: ALERTS_OPTIONS, useValue: options }, AlertsService],
    });
  }
}

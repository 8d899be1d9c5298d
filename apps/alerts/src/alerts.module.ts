import { type DynamicModule, Module } from '@nestjs/common';
import { ALERT_REPOSITORIES, alertStoresProvider } from '@mmt/alerts';
import { consumerServiceModule, type PlatformConfig } from '@mmt/platform';
import { ConveyancesRepository, EventLogRepository } from '@mmt/store';
import { NotificationsRepository, WatchesRepository } from '@mmt/watchlist';
import { ALERTS_OPTIONS, alertsOptionsFromEnv, type AlertsOptions } from './alerts-options';
import { AlertsService } from './alerts.service';
import { Mailer } from './mailer';

@Module({})
export class AlertsModule {
  static forRoot(config: PlatformConfig, options: AlertsOptions = alertsOptionsFromEnv()): DynamicModule {
    return consumerServiceModule(AlertsModule, config, 'alerts', {
      repositories: [
        ...ALERT_REPOSITORIES,
        ConveyancesRepository,
        EventLogRepository,
        WatchesRepository,
        NotificationsRepository,
      ],
      providers: [{ provide: ALERTS_OPTIONS, useValue: options }, alertStoresProvider, Mailer, AlertsService],
    });
  }
}

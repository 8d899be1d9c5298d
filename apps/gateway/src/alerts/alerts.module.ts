import { Module } from '@nestjs/common';
import { ALERT_REPOSITORIES, alertStoresProvider } from '@mmt/alerts';
import { StoreModule } from '@mmt/store';
import { AlertChanges } from './alert-changes';
import { AlertFeed } from './alert-feed';
import { AlertsResolver } from './alerts.resolver';
import { GatewayConsumerModule } from '../updates/gateway-consumer.module';

/** Time limits, alerts and inspection notices: their queries, the people's changes and the live feed. */
@Module({
  imports: [GatewayConsumerModule, StoreModule.forFeature(ALERT_REPOSITORIES)],
  providers: [alertStoresProvider, AlertFeed, AlertChanges, AlertsResolver],
})
export class AlertsModule {}

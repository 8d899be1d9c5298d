import { Module } from '@nestjs/common';
import { AlertChanges } from './alert-changes';
import { AlertFeed } from './alert-feed';
import { AlertsResolver } from './alerts.resolver';

/** Time limits, alerts and inspection notices: their queries, the people's changes and the live feed. */
@Module({ providers: [AlertFeed, AlertChanges, AlertsResolver] })
export class AlertsModule {}

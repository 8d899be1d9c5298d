import { Module } from '@nestjs/common';
import { EventLogRepository, StoreModule } from '@mmt/store';
import { JourneyUpdateHub } from './journey-update-hub';
import { JourneyUpdatesResolver } from './journey-updates.resolver';
import { TrackingEventStream } from './tracking-event-stream';
import { TrackingEventsResolver } from './tracking-events.resolver';
import { GatewayConsumerModule } from './gateway-consumer.module';

/** The live subscriptions on journey updates: journeyUpdated and the resumable trackingEvents streams. */
@Module({
  imports: [GatewayConsumerModule, StoreModule.forFeature([EventLogRepository])],
  providers: [JourneyUpdateHub, JourneyUpdatesResolver, TrackingEventStream, TrackingEventsResolver],
})
export class UpdatesModule {}

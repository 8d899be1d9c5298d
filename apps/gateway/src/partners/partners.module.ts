import { Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { ApiKeysRepository } from '@mmt/access';
import { DeliveriesRepository, EventFeedRepository, SubscriptionsRepository } from '@mmt/dcsa';
import { StoreModule } from '@mmt/store';
import { DcsaExceptionFilter } from './dcsa-exception.filter';
import { EventsController } from './events.controller';
import { OpenApiController } from './openapi.controller';
import { SubscriptionsController } from './subscriptions.controller';

/** The DCSA Track & Trace 2.2 partner API under /v2: the event feed, webhook subscriptions and the OpenAPI file. */
@Module({
  imports: [
    StoreModule.forFeature([ApiKeysRepository, EventFeedRepository, SubscriptionsRepository, DeliveriesRepository]),
  ],
  controllers: [OpenApiController, EventsController, SubscriptionsController],
  providers: [
    // The partner API's errors in DCSA's body, for every 4xx/5xx under /v2 (unknown routes and body-parser
    // errors included, which only a global filter sees); other paths and GraphQL are answered as before.
    { provide: APP_FILTER, useClass: DcsaExceptionFilter },
  ],
})
export class PartnersModule {}

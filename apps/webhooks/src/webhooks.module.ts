import { type DynamicModule, Module } from '@nestjs/common';
import { DeliveriesRepository, EventFeedRepository, SubscriptionsRepository } from '@mmt/dcsa';
import { consumerServiceModule, type PlatformConfig } from '@mmt/platform';
import { EventLogRepository } from '@mmt/store';
import { Dispatcher } from './dispatcher';
import { FeedService } from './feed.service';
import { WEBHOOKS_OPTIONS, webhooksOptionsFromEnv, type WebhooksOptions } from './webhooks-options';

@Module({})
export class WebhooksModule {
  static forRoot(config: PlatformConfig, options: WebhooksOptions = webhooksOptionsFromEnv()): DynamicModule {
    return consumerServiceModule(WebhooksModule, config, 'webhooks', {
      repositories: [EventFeedRepository, SubscriptionsRepository, DeliveriesRepository, EventLogRepository],
      providers: [{ provide: WEBHOOKS_OPTIONS, useValue: options }, Dispatcher, FeedService],
    });
  }
}

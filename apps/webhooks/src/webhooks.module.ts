import { type DynamicModule, Module } from '@nestjs/common';
import { PlatformModule, type PlatformConfig } from '@mmt/platform';
import { Dispatcher } from './dispatcher';
import { FeedService } from './feed.service';
import { WEBHOOKS_OPTIONS, webhooksOptionsFromEnv, type WebhooksOptions } from './webhooks-options';

@Module({})
export class WebhooksModule {
  static forRoot(config: PlatformConfig, options: WebhooksOptions = webhooksOptionsFromEnv()): DynamicModule {
    return {
      module: WebhooksModule,
      imports: [PlatformModule.forRoot(config, 'webhooks')],
      providers: [{ provide: WEBHOOKS_OPTIONS, useValue: options }, Dispatcher, FeedService],
    };
  }
}

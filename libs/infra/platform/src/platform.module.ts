import { type DynamicModule, Global, Inject, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import type { Connection } from 'mongoose';
import { createKafka, TopicNames } from '@mmt/kafka';
import { connectStore } from '@mmt/store';
import type { PlatformConfig } from './platform-config';

import { TerminusModule } from '@nestjs/terminus';
import { loggerModule } from './logger';
import { HealthController } from './ops/health.controller';
import { MetricsController } from './ops/metrics.controller';
import { KAFKA, PLATFORM_CONFIG, STORE } from './platform.tokens';

export { KAFKA, PLATFORM_CONFIG, STORE };

@Injectable()
class StoreCloser implements OnApplicationShutdown {
  constructor(@Inject(STORE) private readonly store: Connection) {}

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}

/**
 * Kafka client, store connection and topic names for one process, from one validated config; and, in a service
 * with an HTTP server, `/health/live`, `/health/ready` and `/metrics`.
 */
@Global()
@Module({})
export class PlatformModule {
  static forRoot(config: PlatformConfig, clientId: string): DynamicModule {
    return {
      module: PlatformModule,
      imports: [TerminusModule.forRoot({ errorLogStyle: 'json' }), loggerModule(clientId)],
      controllers: [HealthController, MetricsController],
      providers: [
        { provide: PLATFORM_CONFIG, useValue: config },
        { provide: KAFKA, useFactory: (): Kafka => createKafka(clientId, config.kafkaBrokers) },
        { provide: STORE, useFactory: (): Promise<Connection> => connectStore(config.mongodbUri) },
        { provide: TopicNames, useValue: new TopicNames(config.namespace) },
        StoreCloser,
      ],
      exports: [PLATFORM_CONFIG, KAFKA, STORE, TopicNames],
    };
  }
}

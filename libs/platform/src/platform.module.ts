import { type DynamicModule, Global, Inject, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import type { Connection } from 'mongoose';
import { createKafka, TopicNames } from '@mmt/kafka';
import { connectStore } from '@mmt/store';
import type { PlatformConfig } from './platform-config';

export const PLATFORM_CONFIG = Symbol('PLATFORM_CONFIG');
export const KAFKA = Symbol('KAFKA');
export const STORE = Symbol('STORE');

@Injectable()
class StoreCloser implements OnApplicationShutdown {
  constructor(@Inject(STORE) private readonly store: Connection) {}

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}

/** Kafka client, store connection and topic names for one process, from one validated config. */
@Global()
@Module({})
export class PlatformModule {
  static forRoot(config: PlatformConfig, clientId: string): DynamicModule {
    return {
      module: PlatformModule,
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

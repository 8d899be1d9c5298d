import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Kafka } from 'kafkajs';
import type { Connection } from 'mongoose';
import { NormalizerModule } from '../../apps/normalizer/src/normalizer.module';
import { ProjectorModule } from '../../apps/projector/src/projector.module';
import { GatewayModule } from '../../apps/gateway/src/gateway.module';
import { startGateway } from '../../apps/gateway/src/main';
import { deleteTopics, TopicNames } from '@mmt/kafka';
import { isolatedPlatformConfig, type PlatformConfig } from '@mmt/platform';
import { infra, testKafka, uniqueSuffix } from './infra';

/** A normalizer and a projector running in this process against the real Kafka and store, in their own namespace. */
export class TestPipeline {
  readonly config: PlatformConfig;
  readonly topics: TopicNames;
  readonly kafka: Kafka;
  private apps: INestApplicationContext[] = [];

  constructor(name: string) {
    this.config = isolatedPlatformConfig({ ...infra, namespace: '' }, `test-${name}-${uniqueSuffix()}`);
    this.topics = new TopicNames(this.config.namespace);
    this.kafka = testKafka(name);
  }

  async start(): Promise<void> {
    for (const module of [NormalizerModule.forRoot(this.config), ProjectorModule.forRoot(this.config)]) {
      this.apps.push(await NestFactory.createApplicationContext(module, { logger: ['error'] }));
    }
  }

  /** Starts one more projector in the same consumer group (a second writer process); returns its stopper. */
  async addProjector(): Promise<() => Promise<void>> {
    const app = await NestFactory.createApplicationContext(ProjectorModule.forRoot(this.config), { logger: ['error'] });
    this.apps.push(app);
    return async () => {
      this.apps = this.apps.filter((a) => a !== app);
      await app.close();
    };
  }

  /** Starts a gateway on a free port; returns its GraphQL URL. */
  async startGateway(): Promise<string> {
    const { app, url } = await startGateway(GatewayModule.forRoot(this.config), 0, true);
    this.apps.push(app);
    return url;
  }

  async stop(store?: Connection): Promise<void> {
    await Promise.all(this.apps.map((app) => app.close()));
    this.apps = [];
    await deleteTopics(
      this.kafka,
      this.topics.specs().map((s) => s.name),
    );
    await store?.dropDatabase();
  }
}

import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Kafka } from 'kafkajs';
import type { Connection } from 'mongoose';
import { NormalizerModule } from '../../apps/normalizer/src/normalizer.module';
import { ProjectorModule } from '../../apps/projector/src/projector.module';
import { AlertsModule } from '../../apps/alerts/src/alerts.module';
import { alertsOptionsFromEnv, type AlertsOptions } from '../../apps/alerts/src/alerts-options';
import { WebhooksModule } from '../../apps/webhooks/src/webhooks.module';
import { webhooksOptionsFromEnv, type WebhooksOptions } from '../../apps/webhooks/src/webhooks-options';
import { AnalyticsModule } from '../../apps/analytics/src/analytics.module';
import { EdiModule } from '../../apps/edi/src/edi.module';
import { GatewayModule, type GatewayOptions } from '../../apps/gateway/src/gateway.module';
import { startGateway } from '../../apps/gateway/src/main';
import { deleteTopics, TopicNames } from '@mmt/kafka';
import { isolatedPlatformConfig, type PlatformConfig } from '@mmt/platform';
import { dropDatabaseInSteps } from '@mmt/store';
import { waitFor } from './graphql-client';
import { infra, testKafka, uniqueSuffix } from './infra';
import { groupOffsets } from './offsets';

/** A stopper for one service started by the pipeline. */
export type Stop = () => Promise<void>;

/**
 * Normalizers and projectors running in this process against the real Kafka and store, in their own
 * namespace. A service whose consumer crashes does not end the test process: its error is kept in `fatal`.
 */
export class TestPipeline {
  readonly config: PlatformConfig;
  readonly topics: TopicNames;
  readonly kafka: Kafka;
  /** Errors that would have ended a service process (a crashed consumer). */
  readonly fatal: Error[] = [];
  private apps: INestApplicationContext[] = [];

  constructor(name: string) {
    this.config = {
      ...isolatedPlatformConfig({ ...infra, namespace: '' }, `test-${name}-${uniqueSuffix()}`),
      onFatal: (error) => this.fatal.push(error),
    };
    this.topics = new TopicNames(this.config.namespace);
    this.kafka = testKafka(name);
  }

  async start(): Promise<void> {
    await this.startNormalizer();
    await this.startProjector();
  }

  startNormalizer(): Promise<Stop> {
    return this.startApp(NormalizerModule.forRoot(this.config));
  }

  /** Starts a projector; a second one joins the same consumer group (a second writer process). */
  startProjector(): Promise<Stop> {
    return this.startApp(ProjectorModule.forRoot(this.config));
  }

  /** Starts the statistics service (its consumer group reads the journey updates). */
  startAnalytics(): Promise<Stop> {
    return this.startApp(AnalyticsModule.forRoot(this.config));
  }

  /** Starts the edi service (UN/EDIFACT interchanges onto the raw topics, with their CONTRL and APERAK). */
  startEdi(): Promise<Stop> {
    return this.startApp(EdiModule.forRoot(this.config));
  }

  /** Starts the alerts service (its consumer group reads the journey updates). */
  startAlerts(options: Partial<AlertsOptions> = {}): Promise<Stop> {
    return this.startApp(AlertsModule.forRoot(this.config, { ...alertsOptionsFromEnv({}), ...options }));
  }

  /** Starts the webhooks service (DCSA feed and webhook delivery; its consumer group reads the journey updates). */
  startWebhooks(options: Partial<WebhooksOptions> = {}): Promise<Stop> {
    return this.startApp(WebhooksModule.forRoot(this.config, { ...webhooksOptionsFromEnv({}), ...options }));
  }

  /**
   * Starts a gateway on a free port; returns its GraphQL URL. It has the default rate limit (600 requests a minute
   * per key) unless `options.rateLimit` says otherwise, e.g. RATE_LIMIT_OFF for a suite that hammers it on purpose.
   */
  async startGateway(options: GatewayOptions = {}): Promise<string> {
    return (await this.startStoppableGateway(0, options)).url;
  }

  /** Starts a gateway on `port` (0: a free one); returns its GraphQL URL and its stopper, to start it again later. */
  async startStoppableGateway(port = 0, options: GatewayOptions = {}): Promise<{ url: string; stop: Stop }> {
    const { app, url } = await startGateway(GatewayModule.forRoot(this.config, options), port, true);
    this.apps.push(app);
    const stop = async () => {
      this.apps = this.apps.filter((a) => a !== app);
      await app.close();
    };
    return { url, stop };
  }

  /** The app of a started service, e.g. to reach its store connection. */
  get started(): readonly INestApplicationContext[] {
    return this.apps;
  }

  /** Waits until a group of this pipeline (e.g. 'normalizer') has committed every partition of `topics` to its end. */
  async waitUntilCommittedToEnd(group: string, topics: readonly string[]): Promise<void> {
    await waitFor(
      `${group} to commit up to the end of ${topics.join(', ')}`,
      async () =>
        (await groupOffsets(this.kafka, `${this.config.namespace}${group}`, topics)).every(
          (p) => p.committed === p.end || p.end === 0,
        ),
      60_000,
    );
  }

  async stop(store?: Connection): Promise<void> {
    await Promise.all(this.apps.map((app) => app.close()));
    this.apps = [];
    await deleteTopics(
      this.kafka,
      this.topics.specs().map((s) => s.name),
    );
    if (store) {
      await dropDatabaseInSteps(store);
    }
  }

  private async startApp(module: Parameters<typeof NestFactory.createApplicationContext>[0]): Promise<Stop> {
    const app = await NestFactory.createApplicationContext(module, { logger: ['error'] });
    this.apps.push(app);
    return async () => {
      this.apps = this.apps.filter((a) => a !== app);
      await app.close();
    };
  }
}

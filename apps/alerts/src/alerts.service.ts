import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Consumer, Kafka, KafkaMessage, Producer } from 'kafkajs';
import type { Connection } from 'mongoose';
import { AlertsRepository, applyJourneyAlerts } from '@mmt/alerts';
import { encodePayload, TOPICS, type AlertChange, type Notice } from '@mmt/contracts';
import {
  consumeJourneyUpdates,
  createProducer,
  ensureTopics,
  sendWithinLimit,
  TopicNames,
  type BatchContext,
  type JourneyChange,
} from '@mmt/kafka';
import { fatalHandler, KAFKA, PLATFORM_CONFIG, STORE, type PlatformConfig } from '@mmt/platform';
import { ConveyancesRepository } from '@mmt/store';

/**
 * Raises and clears alerts and issues inspection notices as journeys change: reads `journey.updates.v1`, sends
 * `tracking.alerts.v1` and `tracking.notices.v1`, keeps `alerts` and `notices`.
 */
@Injectable()
export class AlertsService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(AlertsService.name);
  private readonly alerts: AlertsRepository;
  private readonly conveyances: ConveyancesRepository;
  private producer?: Producer;
  private consumer?: Consumer;

  constructor(
    @Inject(KAFKA) private readonly kafka: Kafka,
    @Inject(STORE) store: Connection,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
    private readonly topics: TopicNames,
  ) {
    this.alerts = new AlertsRepository(store);
    this.conveyances = new ConveyancesRepository(store);
  }

  async onApplicationBootstrap(): Promise<void> {
    await ensureTopics(this.kafka, this.topics.specs());
    await this.alerts.ensureIndexes();
    await this.conveyances.ensureIndexes();
    const limits = await this.alerts.currentLimits();
    this.producer = createProducer(this.kafka);
    await this.producer.connect();
    this.consumer = await consumeJourneyUpdates(
      this.kafka,
      this.producer,
      this.topics,
      { service: 'alerts', onCrash: fatalHandler(this.config, 'alerts') },
      (updates, context, messages) => this.handle(updates, context, messages),
    );
    this.logger.log({ message: 'alerts consuming', topic: TOPICS.journeyUpdates, timeLimitsVersion: limits.version });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumer?.disconnect();
    await this.producer?.disconnect();
  }

  private async handle(
    updates: readonly JourneyChange[],
    context: BatchContext,
    messages: readonly KafkaMessage[],
  ): Promise<void> {
    const started = performance.now();
    const result = await applyJourneyAlerts(
      {
        repository: this.alerts,
        manifestsOf: (keys) => this.conveyances.manifestsOf(keys),
        publish: (changes, notices) => this.publish(changes, notices),
      },
      updates,
    );
    this.logger.log({
      message: 'alerts updated',
      topic: context.topic,
      partition: context.partition,
      offset: messages.at(-1)?.offset,
      updates: updates.length,
      ...result,
      ms: Math.round(performance.now() - started),
    });
  }

  private async publish(changes: readonly AlertChange[], notices: readonly Notice[]): Promise<void> {
    if (this.producer === undefined) {
      throw new Error('alerts: producer not connected');
    }
    const sends = [
      {
        topic: this.topics.name(TOPICS.alerts),
        messages: changes.map((c) => ({ key: c.alert.containerNo, value: encodePayload(TOPICS.alerts, c) })),
      },
      {
        topic: this.topics.name(TOPICS.notices),
        messages: notices.map((n) => ({ key: n.containerNo, value: encodePayload(TOPICS.notices, n) })),
      },
    ];
    await sendWithinLimit(
      this.producer,
      sends.filter((send) => send.messages.length > 0),
    );
  }
}

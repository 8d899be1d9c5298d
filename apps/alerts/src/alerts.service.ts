import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Consumer, Kafka, KafkaMessage, Producer } from 'kafkajs';
import type { Connection } from 'mongoose';
import { AlertsRepository, applyJourneyAlerts, raiseDueWaits, type AlertsDependencies } from '@mmt/alerts';
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
import { ALERTS_OPTIONS, type AlertsOptions } from './alerts-options';

/**
 * Raises and clears alerts and issues inspection notices as journeys change: reads `journey.updates.v1`, sends
 * `tracking.alerts.v1` and `tracking.notices.v1`, keeps `alerts` and `notices`. A clock raises cold-chain waits
 * that run past their limit; it and the batches take turns, so the two never judge one journey at once.
 */
@Injectable()
export class AlertsService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(AlertsService.name);
  private readonly alerts: AlertsRepository;
  private readonly conveyances: ConveyancesRepository;
  private producer?: Producer;
  private consumer?: Consumer;
  private sweep?: NodeJS.Timeout;
  /** The batches and the clock's sweeps, one after the other. */
  private turn: Promise<unknown> = Promise.resolve();

  constructor(
    @Inject(KAFKA) private readonly kafka: Kafka,
    @Inject(STORE) store: Connection,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
    @Inject(ALERTS_OPTIONS) private readonly options: AlertsOptions,
    private readonly topics: TopicNames,
  ) {
    this.alerts = new AlertsRepository(store);
    this.conveyances = new ConveyancesRepository(store);
  }

  async onApplicationBootstrap(): Promise<void> {
    await ensureTopics(this.kafka, this.topics.specs());
    await this.alerts.ensureIndexes();
    await this.conveyances.ensureIndexes();
    const renamed = await this.alerts.renameEarlierNotices();
    if (renamed > 0) {
      this.logger.log({ message: 'notices moved to their customs event ids', renamed });
    }
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
    this.sweep = setInterval(() => void this.sweepWaits(), this.options.waitSweepMs);
    this.logger.log({
      message: 'alerts consuming',
      topic: TOPICS.journeyUpdates,
      timeLimitsVersion: limits.version,
      waitSweepMs: this.options.waitSweepMs,
    });
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.sweep);
    await this.turn;
    await this.consumer?.disconnect();
    await this.producer?.disconnect();
  }

  private async handle(
    updates: readonly JourneyChange[],
    context: BatchContext,
    messages: readonly KafkaMessage[],
  ): Promise<void> {
    const started = performance.now();
    const result = await this.inTurn(() => applyJourneyAlerts(this.dependencies(), updates));
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

  private dependencies(): AlertsDependencies {
    return {
      repository: this.alerts,
      manifestsOf: (keys) => this.conveyances.manifestsOf(keys),
      publish: (changes, notices) => this.publish(changes, notices),
      lateWaitGraceMs: this.options.lateWaitGraceMs,
    };
  }

  private inTurn<T>(work: () => Promise<T>): Promise<T> {
    const run = this.turn.then(work);
    this.turn = run.catch(() => undefined);
    return run;
  }

  /** A failed sweep is logged and tried again on the next tick: the waits stay due until raised. */
  private async sweepWaits(): Promise<void> {
    try {
      const raised = await this.inTurn(() => raiseDueWaits(this.dependencies(), new Date()));
      if (raised > 0) {
        this.logger.log({ message: 'cold-chain waits raised', raised });
      }
    } catch (error) {
      this.logger.error({
        message: 'cold-chain wait sweep failed; trying again on the next one',
        error: error instanceof Error ? error.message : String(error),
      });
    }
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

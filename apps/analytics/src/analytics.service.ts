import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { KafkaMessage } from 'kafkajs';
import { applyJourneyUpdates, StatisticsRepository } from '@mmt/analytics';
import type { JourneyUpdate } from '@mmt/contracts';
import type { BatchContext } from '@mmt/kafka';
import { batchPosition, ConsumerRuntime, JOURNEY_UPDATE_PROJECTION, type LogFields } from '@mmt/platform';

/**
 * Keeps the port office's statistics as journeys change: reads `journey.updates.v1`, writes `stats_*`. Its writes
 * are additions to shared sums, so each partition is a writer whose change in flight is finished after a crash
 * (see applyJourneyUpdates and BatchPosition).
 */
@Injectable()
export class AnalyticsService implements OnApplicationBootstrap {
  private readonly logger = new Logger(AnalyticsService.name);
  constructor(
    private readonly runtime: ConsumerRuntime,
    private readonly statistics: StatisticsRepository,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (await this.statistics.needsRebuild()) {
      throw new Error(
        'the statistics in stats_buckets were written by an earlier version (with their days inside): run `npm run analytics:rebuild` once, then start the analytics service again',
      );
    }
    await this.runtime.start<JourneyUpdate>({
      service: 'analytics',
      logger: this.logger,
      batchLine: 'statistics updated',
      ...JOURNEY_UPDATE_PROJECTION,
      handle: (...batch) => this.handle(...batch),
    });
  }

  private async handle(
    updates: readonly JourneyUpdate[],
    context: BatchContext,
    messages: readonly KafkaMessage[],
  ): Promise<LogFields> {
    const { writer } = batchPosition(context, messages);
    const result = await applyJourneyUpdates(this.statistics, writer, updates);
    return { updates: updates.length, ...result };
  }
}

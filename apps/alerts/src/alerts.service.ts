import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import {
  ALERT_STORES,
  applyJourneyAlerts,
  raiseDueWaits,
  type AlertsDependencies,
  type AlertStores,
} from '@mmt/alerts';
import { TOPICS, type AlertChange, type JourneyUpdate, type Notice } from '@mmt/contracts';
import { payloadMessages } from '@mmt/kafka';
import { ConsumerRuntime, JOURNEY_UPDATE_PROJECTION, type ConsumedBatch, type LogFields } from '@mmt/platform';
import { ConveyancesRepository, EventLogRepository } from '@mmt/store';
import { notifyWatchers, NotificationsRepository, WatchesRepository } from '@mmt/watchlist';
import { ALERTS_OPTIONS, type AlertsOptions } from './alerts-options';
import { Mailer } from './mailer';

/**
 * Raises and clears alerts and issues inspection notices as journeys change: reads `journey.updates.v1`, sends
 * `tracking.alerts.v1` and `tracking.notices.v1`, keeps `alerts` and `notices`. A clock raises cold-chain waits
 * that run past their limit; it and the batches take turns, so the two never judge one journey at once.
 *
 * Unlike the statistics and the partner feed, it needs no batch position to be idempotent: alerts and notices are
 * keyed by their own ids, and each stored change keeps the message it owes its topic until sent, so a batch read
 * again finds its own writes and sends only what is still owed (see pending-sends.ts in @mmt/alerts).
 *
 * It also notifies the watches on the batch's containers and documents (@mmt/watchlist): each notification is
 * stored once under its idempotence key before the batch is committed, and its e-mail is sent apart (Mailer).
 */
@Injectable()
export class AlertsService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(AlertsService.name);
  private sweep?: NodeJS.Timeout;
  /** The batches and the clock's sweeps, one after the other. */
  private turn: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly runtime: ConsumerRuntime,
    @Inject(ALERT_STORES) private readonly stores: AlertStores,
    private readonly conveyances: ConveyancesRepository,
    @Inject(ALERTS_OPTIONS) private readonly options: AlertsOptions,
    private readonly eventLog: EventLogRepository,
    private readonly watches: WatchesRepository,
    private readonly notifications: NotificationsRepository,
    private readonly mailer: Mailer,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.runtime.start<JourneyUpdate>({
      service: 'alerts',
      logger: this.logger,
      batchLine: 'alerts updated',
      ...JOURNEY_UPDATE_PROJECTION,
      prepare: async () => {
        const renamed = await this.stores.notices.renameEarlierNotices();
        if (renamed > 0) {
          this.logger.log({ message: 'notices moved to their customs event ids', renamed });
        }
        const limits = await this.stores.timeLimits.currentLimits();
        return { timeLimitsVersion: limits.version, waitSweepMs: this.options.waitSweepMs };
      },
      handle: (...batch) => this.handle(...batch),
    });
    this.sweep = setInterval(() => void this.sweepWaits(), this.options.waitSweepMs);
  }

  /** The sweeps stop, and the turn in progress ends, before the runtime stops the consumer and the producer. */
  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.sweep);
    await this.turn;
  }

  /** Takes the whole batch, as every handler does, and needs only its updates: alerts keep no batch position. */
  private async handle(...[updates]: ConsumedBatch<JourneyUpdate>): Promise<LogFields> {
    const result = await this.inTurn(() => applyJourneyAlerts(this.dependencies(), updates));
    const notified = await notifyWatchers(
      {
        watches: this.watches,
        notifications: this.notifications,
        addedBy: (update) => this.eventLog.addedBy(update),
        mailOn: this.mailer.on,
        now: () => new Date(),
      },
      updates,
    );
    if (notified.some((notification) => notification.email.state === 'PENDING')) {
      this.mailer.kick();
    }
    return { updates: updates.length, ...result, notified: notified.length };
  }

  private dependencies(): AlertsDependencies {
    return {
      stores: this.stores,
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
    await this.runtime.send([
      payloadMessages(
        TOPICS.alerts,
        changes.map((change) => ({ key: change.alert.containerNo, payload: change })),
      ),
      payloadMessages(
        TOPICS.notices,
        notices.map((notice) => ({ key: notice.containerNo, payload: notice })),
      ),
    ]);
  }
}

import { randomUUID } from 'node:crypto';
import { atFailpoint } from '@mmt/config';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import {
  DeliveriesRepository,
  redactedCallbackUrl,
  retryDelayMs,
  SubscriptionsRepository,
  type DcsaEvent,
  type SubscriptionDocument,
} from '@mmt/dcsa';
import { NotificationSender, type SendResult } from './notification-sender';
import { WEBHOOKS_OPTIONS, type WebhooksOptions } from './webhooks-options';
import { METRICS } from '@mmt/metrics';

/** How many polls apart the dispatcher looks at every active subscription, not only those due a retry. */
const SWEEP_EVERY = 5;
/**
 * How often a write after a POST is tried, and the wait before the next try (times the tries so far). If all
 * fail, the notification may be sent again later: receivers deduplicate on eventID (at least once).
 */
const AFTER_POST_TRIES = 4;
const AFTER_POST_RETRY_MS = 200;

/**
 * Delivers each subscription's outbox to its callback, one notification at a time per subscription (so each
 * container's events arrive in order) and every subscription on its own (so a slow or failing receiver holds up
 * only itself). A failure is tried again with backoff; after the retry window the subscription is paused with
 * the reason, its events kept for when its owner resumes it.
 */
@Injectable()
export class Dispatcher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(Dispatcher.name);
  private readonly sender: NotificationSender;
  /** This process, as lease owner. */
  private readonly self = randomUUID();
  private readonly running = new Map<string, Promise<void>>();
  private readonly again = new Set<string>();
  /** The subscriptions this process holds the lease of, and when to renew each. */
  private readonly leases = new Map<string, number>();
  private polls = 0;
  private poll?: NodeJS.Timeout;
  private stopped = false;

  constructor(
    private readonly subscriptions: SubscriptionsRepository,
    private readonly deliveries: DeliveriesRepository,
    @Inject(WEBHOOKS_OPTIONS) private readonly options: WebhooksOptions,
  ) {
    this.sender = new NotificationSender(options.callbacks, options.timeoutMs);
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.subscriptions.ensureIndexes();
    await this.deliveries.ensureIndexes();
    // Subscriptions written before secrets were encrypted at rest get their secret encrypted, once.
    const encrypted = await this.subscriptions.encryptPlaintextSecrets();
    this.logger.log({ message: 'webhook secrets stored in plaintext encrypted at rest', encrypted });
    this.poll = setInterval(() => void this.pollDue(), this.options.pollMs);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearInterval(this.poll);
    await Promise.allSettled(this.running.values());
    await Promise.allSettled([...this.leases.keys()].map((id) => this.subscriptions.release(id, this.self)));
    this.sender.close();
  }

  /** Starts delivering these subscriptions now (the feed has just enqueued events for them). */
  kick(subscriptionIds: Iterable<string>): void {
    for (const id of subscriptionIds) {
      this.start(id);
    }
  }

  /**
   * Starts what is due: every poll, the subscriptions whose retry time has come; every SWEEP_EVERY polls, every
   * active one (work another process enqueued, or left when this one restarted). New work is kicked at once.
   */
  private async pollDue(): Promise<void> {
    try {
      const sweep = this.polls % SWEEP_EVERY === 0;
      this.polls += 1;
      for (const subscription of await this.subscriptions.due(new Date(), sweep)) {
        this.start(subscription._id);
      }
    } catch (error) {
      this.logger.error({ message: 'webhook poll failed; trying again on the next one', error: String(error) });
    }
  }

  private start(id: string): void {
    if (this.stopped) {
      return;
    }
    if (this.running.has(id)) {
      this.again.add(id); // it may be about to find nothing left: look once more when it is done
      return;
    }
    const run = this.drain(id)
      .catch((error: unknown) =>
        this.logger.error({
          message: 'webhook delivery stopped by an error',
          subscriptionId: id,
          error: String(error),
        }),
      )
      .finally(() => {
        this.running.delete(id);
        if (this.again.delete(id)) {
          this.start(id);
        }
      });
    this.running.set(id, run);
  }

  /** Sends the subscription's pending events, batch after batch, until none is left, it fails, or it is paused. */
  private async drain(id: string): Promise<void> {
    while (!this.stopped) {
      const pending = await this.deliveries.pending(id, this.options.batchSize);
      if (pending.length === 0) {
        return;
      }
      const subscription = await this.leased(id);
      if (subscription === undefined || (subscription.nextAttemptAt ?? new Date(0)) > new Date()) {
        return; // paused, removed, held by another process, or not due yet
      }
      if (!(await this.sendBatch(subscription, pending))) {
        return;
      }
    }
  }

  /**
   * The subscription as it is now, if this process holds its lease: taken when free or expired, renewed once half
   * of it has passed. A lease outlives one drain, so a busy subscription costs a read, not a write, per notification.
   */
  private async leased(id: string): Promise<SubscriptionDocument | undefined> {
    const now = Date.now();
    if ((this.leases.get(id) ?? 0) > now) {
      const current = await this.subscriptions.get(id);
      if (current?.status === 'ACTIVE' && current.lease?.owner === this.self) {
        return current;
      }
    }
    const subscription = await atFailpoint('webhooks.claimLease', () =>
      this.subscriptions.claim(id, this.self, new Date(now), new Date(now + this.options.leaseMs)),
    );
    if (subscription === undefined) {
      this.leases.delete(id);
      return undefined;
    }
    this.leases.set(id, now + this.options.leaseMs / 2);
    return subscription;
  }

  /**
   * POSTs the pages' events, then records the outcome. Everything after the POST is retried here a few times
   * before giving up (each write sets absolute values or inserts under a fixed id, so a write whose answer was
   * lost can be made again): a store blip right after a receiver accepted a notification must not send it again.
   */
  private async sendBatch(
    subscription: SubscriptionDocument,
    pending: Awaited<ReturnType<DeliveriesRepository['pending']>>,
  ): Promise<boolean> {
    const started = performance.now();
    const at = new Date();
    const events = pending.flatMap((page) => page.events);
    const result = await this.send(subscription, events);
    const attempt = {
      // One attempt is one POST of these pages at this moment: recording it again finds it.
      _id: `${pending[0]._id}@${at.toISOString()}`,
      subscriptionId: subscription._id,
      at,
      eventIDs: events.map((event) => event.eventID),
      ms: Math.round(performance.now() - started),
    };
    METRICS.webhookDeliveries.inc({ outcome: result.ok ? 'delivered' : 'failed' });
    if (result.ok) {
      const deliveredAt = new Date();
      await this.afterPost('webhooks.markDelivered', () =>
        this.deliveries.markDelivered(
          pending.map((delivery) => delivery._id),
          deliveredAt,
        ),
      );
      await this.afterPost('webhooks.recordAttempt', () =>
        this.deliveries.record({ ...attempt, outcome: 'DELIVERED', httpStatus: result.httpStatus }),
      );
      if (subscription.failures > 0) {
        await this.afterPost('webhooks.clearFailures', () => this.subscriptions.delivered(subscription._id));
      }
      return true;
    }
    await this.afterPost('webhooks.recordAttempt', () =>
      this.deliveries.record({
        ...attempt,
        outcome: 'FAILED',
        ...(result.httpStatus === undefined ? {} : { httpStatus: result.httpStatus }),
        error: result.error,
      }),
    );
    const failingSince = subscription.failingSince ?? at;
    const failures = subscription.failures + 1;
    const context = {
      subscriptionId: subscription._id,
      callbackUrl: redactedCallbackUrl(subscription.callbackUrl),
      failures,
      error: result.error,
    };
    // Past the retry window the subscription pauses; before it, the next try waits longer after each failure.
    const pauses = at.getTime() - failingSince.getTime() >= this.options.retry.retryWindowMs;
    const nextAttemptAt = new Date(at.getTime() + retryDelayMs(failures, this.options.retry));
    const next = pauses
      ? {
          pauseReason: `Paused at ${at.toISOString()}: deliveries failing since ${failingSince.toISOString()} (${failures} tries); last: ${result.error}`,
        }
      : { nextAttemptAt };
    await this.afterPost('webhooks.recordFailure', () =>
      this.subscriptions.failed(subscription, result.error, at, next),
    );
    this.logger.warn(
      pauses
        ? { message: 'webhook subscription paused', ...context, failingSince: failingSince.toISOString() }
        : {
            message: 'webhook delivery failed; will try again',
            ...context,
            nextAttemptAt: nextAttemptAt.toISOString(),
          },
    );
    return false;
  }

  /** Sends one notification; a secret that cannot be decrypted is a failed try, told to the subscriber. */
  private async send(subscription: SubscriptionDocument, events: DcsaEvent[]): Promise<SendResult> {
    let secret: string;
    try {
      secret = this.subscriptions.secretOf(subscription);
    } catch (error) {
      this.logger.error({
        message: 'webhook secret unreadable',
        subscriptionId: subscription._id,
        error: String(error),
      });
      return {
        ok: false,
        error: "not sent: the platform cannot read this subscription's secret; replace it (PUT .../secret)",
      };
    }
    return this.sender.send({
      callbackUrl: redactedCallbackUrl(subscription.callbackUrl),
      subscriptionId: subscription._id,
      secret,
      signatureScheme: subscription.signatureScheme ?? 'DCSA',
      events,
    });
  }

  /** A write that follows a POST, tried up to AFTER_POST_TRIES times before the drain stops on its error. */
  private async afterPost(step: string, write: () => Promise<void>): Promise<void> {
    for (let tries = 1; ; tries += 1) {
      try {
        await atFailpoint(step, write);
        return;
      } catch (error) {
        if (tries >= AFTER_POST_TRIES || this.stopped) {
          throw error;
        }
        this.logger.warn({ message: 'webhook bookkeeping failed; trying again', step, error: String(error) });
        await new Promise((resolve) => setTimeout(resolve, AFTER_POST_RETRY_MS * tries));
      }
    }
  }
}

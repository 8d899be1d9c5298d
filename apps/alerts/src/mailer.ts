import { hostname } from 'node:os';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { createTransport, type Transporter } from 'nodemailer';
import { atFailpoint } from '@mmt/config';
import { retryDelayMs } from '@mmt/dcsa';
import { forgetOutbound, METRICS, setOutboundState } from '@mmt/metrics';
import {
  notificationMail,
  NotificationsRepository,
  WatchesRepository,
  type NotificationDocument,
  type NotificationEmail,
} from '@mmt/watchlist';
import { ALERTS_OPTIONS, type AlertsOptions } from './alerts-options';
import type { MailOptions } from './mail-options';

/** Most e-mails looked at per round. */
const ROUND_SIZE = 50;
/** How long the SMTP server may take to connect, greet and answer each command before the try counts as failed. */
const SMTP_TIMEOUT_MS = 15_000;
/** How often the write after a send is tried before giving up on it (the mail may then go twice: same Message-ID). */
const AFTER_SEND_TRIES = 4;
const AFTER_SEND_RETRY_MS = 200;

/**
 * Sends the notification e-mails the batches stored (NotificationsRepository), apart from the consumer, so that a
 * slow or failing SMTP server never holds up a partition: each e-mail is taken under a lease, sent with a stable
 * Message-ID, then recorded SENT. A failed try is recorded with its error and tried again after a delay that doubles
 * (MailOptions.retry); after the retry window it is recorded FAILED, still listed in the app. Readiness says whether
 * the SMTP server took the last e-mail tried (`outbound.smtp`); /metrics counts outcomes and pending e-mails.
 *
 * Without SMTP_URL e-mail is off, said in one log line: notifications are stored with their e-mail OFF.
 */
@Injectable()
export class Mailer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(Mailer.name);
  private readonly options: MailOptions;
  private transport?: Transporter;
  private poll?: NodeJS.Timeout;
  private round?: Promise<void>;
  private again = false;
  private stopped = false;
  private failingSince?: Date;
  private readonly domain: string;

  constructor(
    private readonly notifications: NotificationsRepository,
    private readonly watches: WatchesRepository,
    @Inject(ALERTS_OPTIONS) options: AlertsOptions,
  ) {
    this.options = options.mail;
    this.domain = new URL(this.options.publicUrl).hostname || hostname();
  }

  /** Whether notifications get e-mails at all (an SMTP server is configured). */
  get on(): boolean {
    return this.options.smtpUrl !== undefined;
  }

  onApplicationBootstrap(): void {
    if (this.options.smtpUrl === undefined) {
      this.logger.log({ message: 'e-mail off: SMTP_URL is not set; notifications are shown in the app only' });
      return;
    }
    this.transport = createTransport({
      url: this.options.smtpUrl,
      connectionTimeout: SMTP_TIMEOUT_MS,
      greetingTimeout: SMTP_TIMEOUT_MS,
      socketTimeout: SMTP_TIMEOUT_MS,
    } as Parameters<typeof createTransport>[0]);
    setOutboundState('smtp', true, { state: 'no e-mail tried yet' });
    this.logger.log({ message: 'e-mail on', smtp: redacted(this.options.smtpUrl), from: this.options.from });
    this.poll = setInterval(() => this.kick(), this.options.pollMs);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearInterval(this.poll);
    await this.round;
    this.transport?.close();
    forgetOutbound('smtp');
  }

  /** Sends what is due now (a batch has just added e-mails, or the poll came). */
  kick(): void {
    if (this.transport === undefined || this.stopped) {
      return;
    }
    if (this.round !== undefined) {
      this.again = true;
      return;
    }
    this.round = this.sendDue()
      .catch((error: unknown) =>
        this.logger.error({ message: 'e-mail round failed; trying again on the next one', error: String(error) }),
      )
      .finally(() => {
        this.round = undefined;
        if (this.again) {
          this.again = false;
          this.kick();
        }
      });
  }

  private async sendDue(): Promise<void> {
    const now = new Date();
    for (const id of await this.notifications.dueMail(now, ROUND_SIZE)) {
      if (this.stopped) {
        break;
      }
      const notification = await this.notifications.claim(id, new Date(), new Date(Date.now() + this.options.leaseMs));
      if (notification !== undefined) {
        await this.sendOne(notification);
      }
    }
    METRICS.notificationEmailsPending.set(await this.notifications.pendingMail());
  }

  /** Sends one e-mail unless its watch was unsubscribed or removed meanwhile, and records how it went. */
  private async sendOne(notification: NotificationDocument): Promise<void> {
    const email = notification.email;
    const watch = await this.watches.get(notification.watchId);
    if (watch === undefined || !watch.emailOn) {
      METRICS.notificationEmails.inc({ outcome: 'off' });
      await this.notifications.recordEmail(notification._id, { state: 'OFF', tries: email.tries });
      return;
    }
    const mail = notificationMail(notification, this.options.publicUrl, this.domain);
    const at = new Date();
    try {
      await atFailpoint('alerts.sendMail', () =>
        this.transport!.sendMail({
          from: this.options.from,
          to: email.to,
          subject: mail.subject,
          text: mail.text,
          html: mail.html,
          messageId: mail.messageId,
          headers: { 'List-Unsubscribe': `<${mail.unsubscribeUrl}>` },
        }),
      );
    } catch (error) {
      await this.failed(notification, at, error);
      return;
    }
    METRICS.notificationEmails.inc({ outcome: 'sent' });
    this.failingSince = undefined;
    setOutboundState('smtp', true, { state: 'sending', lastSentAt: at.toISOString() });
    await this.afterSend(() =>
      this.notifications.recordEmail(notification._id, {
        state: 'SENT',
        ...(email.to === undefined ? {} : { to: email.to }),
        tries: email.tries + 1,
        sentAt: at,
      }),
    );
  }

  /** A failed try: due again after a delay that doubles, or FAILED for good once the retry window has passed. */
  private async failed(notification: NotificationDocument, at: Date, error: unknown): Promise<void> {
    const email = notification.email;
    const message = error instanceof Error ? error.message : String(error);
    const tries = email.tries + 1;
    const firstFailedAt = email.firstFailedAt ?? at;
    const givesUp = at.getTime() - firstFailedAt.getTime() >= this.options.retry.retryWindowMs;
    const nextAttemptAt = new Date(at.getTime() + retryDelayMs(tries, this.options.retry));
    const next: NotificationEmail = {
      state: givesUp ? 'FAILED' : 'PENDING',
      ...(email.to === undefined ? {} : { to: email.to }),
      tries,
      firstFailedAt,
      lastError: message,
      ...(givesUp ? {} : { nextAttemptAt }),
    };
    METRICS.notificationEmails.inc({ outcome: givesUp ? 'given_up' : 'failed' });
    this.failingSince ??= at;
    setOutboundState('smtp', false, {
      state: 'failing',
      failingSince: this.failingSince.toISOString(),
      error: message,
    });
    await this.notifications.recordEmail(notification._id, next);
    this.logger.warn({
      message: givesUp ? 'notification e-mail given up' : 'notification e-mail failed; will try again',
      notificationId: notification._id,
      tries,
      error: message,
      ...(givesUp ? {} : { nextAttemptAt: nextAttemptAt.toISOString() }),
    });
  }

  /** The write after a send, tried a few times: a store blip right after the server took the mail must not resend it. */
  private async afterSend(write: () => Promise<void>): Promise<void> {
    for (let tries = 1; ; tries += 1) {
      try {
        await atFailpoint('alerts.recordSent', write);
        return;
      } catch (error) {
        if (tries >= AFTER_SEND_TRIES) {
          throw error;
        }
        this.logger.warn({ message: 'e-mail bookkeeping failed; trying again', error: String(error) });
        await new Promise((resolve) => setTimeout(resolve, AFTER_SEND_RETRY_MS * tries));
      }
    }
  }
}

/** The SMTP URL without its password, for the log. */
function redacted(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') {
      parsed.password = '***';
    }
    return parsed.toString();
  } catch {
    return 'an SMTP URL that does not parse';
  }
}

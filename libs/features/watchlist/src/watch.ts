import { createHash } from 'node:crypto';
import type { Role } from '@mmt/access';
import type { Place } from '@mmt/contracts';

/** What a person may follow: a container, or a bill of lading or waybill and with it every container it covers. */
export const WATCH_TARGET_TYPES = ['CONTAINER', 'BILL_OF_LADING', 'WAYBILL'] as const;
export type WatchTargetType = (typeof WATCH_TARGET_TYPES)[number];

/**
 * The events a watch may notify of:
 * - ARRIVAL, DEPARTURE: an actual arrival or departure of a conveyance with the container, at a place;
 * - HOLD: a document of the journey was put on hold (its status HELD);
 * - INSPECTION: customs selected or inspected the container (the journey's inspection notice, same event id);
 * - ETA_CHANGED: the estimated arrival moved by more than the watch's etaHours since the last one notified;
 * - DELIVERY: the container left the destination terminal (gate-out there) or its journey completed.
 */
export const NOTIFICATION_KINDS = ['ARRIVAL', 'DEPARTURE', 'HOLD', 'INSPECTION', 'ETA_CHANGED', 'DELIVERY'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** The languages an e-mail is written in, chosen when following. */
export const MAIL_LANGUAGES = ['en', 'zh'] as const;
export type MailLanguage = (typeof MAIL_LANGUAGES)[number];

export const DEFAULT_ETA_HOURS = 6;

/** Who follows: the API key holder, with what it may see (its role and organisation) when it followed. */
export interface Follower {
  readonly keyId: string;
  readonly role: Role;
  readonly orgId: string;
}

/** `watches`: one per follower and target (`_id` from both, so following twice changes the watch, not adds one). */
export interface WatchDocument {
  readonly _id: string;
  readonly follower: Follower;
  readonly type: WatchTargetType;
  /** The container number, or the document's reference. */
  readonly ref: string;
  /** `<type>:<ref>`, the key journeys are matched on. */
  readonly targetKey: string;
  readonly kinds: readonly NotificationKind[];
  readonly etaHours: number;
  /** Where notifications are e-mailed; none: shown in the app only. */
  readonly email?: string;
  readonly language: MailLanguage;
  /** False once the e-mail's unsubscribe link was followed (or the watch has no address). */
  readonly emailOn: boolean;
  readonly createdAt: Date;
}

export const targetKey = (type: WatchTargetType, ref: string) => `${type}:${ref}`;

export function watchId(follower: Follower, type: WatchTargetType, ref: string): string {
  return `w_${createHash('sha256')
    .update(`${follower.keyId}\n${targetKey(type, ref)}`)
    .digest('base64url')
    .slice(0, 22)}`;
}

/** How a notification's e-mail stands: OFF (no address, or unsubscribed), PENDING (to send, or retrying), SENT, FAILED. */
export type EmailState = 'OFF' | 'PENDING' | 'SENT' | 'FAILED';

export interface NotificationEmail {
  readonly state: EmailState;
  readonly to?: string;
  readonly tries: number;
  /** When the next try is due (PENDING only). */
  readonly nextAttemptAt?: Date;
  /** A sender holds the notification until then, so that two never send it at once. */
  readonly leaseUntil?: Date;
  readonly firstFailedAt?: Date;
  readonly lastError?: string;
  readonly sentAt?: Date;
}

/**
 * `notifications`: one per watch and thing that happened. The `_id` is the idempotence key, made of the watch, the
 * kind and the event (or, for ETA_CHANGED, the journey and the new ETA), so a batch read again, a correction of the
 * event or a second alerts process finds it and adds nothing, and its e-mail is sent under one Message-ID.
 */
export interface NotificationDocument {
  readonly _id: string;
  readonly watchId: string;
  readonly keyId: string;
  readonly kind: NotificationKind;
  readonly containerNo: string;
  readonly journeyId: string;
  /** What the watch follows, as the person named it. */
  readonly watchType: WatchTargetType;
  readonly watchRef: string;
  readonly place?: Place;
  /** When it happened (the event's time; for ETA_CHANGED, when the new ETA was published). */
  readonly at: string;
  readonly etaBefore?: string;
  readonly etaAfter?: string;
  readonly language: MailLanguage;
  readonly createdAt: Date;
  readonly email: NotificationEmail;
}

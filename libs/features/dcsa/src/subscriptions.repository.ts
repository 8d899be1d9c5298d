import { randomUUID } from 'node:crypto';
import type { Collection } from 'mongodb';
import type { Connection } from 'mongoose';
import type { Principal, Role } from '@mmt/access';
import { serverKey } from '@mmt/config';
import { orgKey } from '@mmt/store';
import type { EventFilter } from './event-filter';
import type { SignatureScheme } from './notification-signature';
import { openSecret, sealSecret, type SealedSecret } from './sealed-secret';
import type { IndexOwner } from '@mmt/store';

export type SubscriptionStatus = 'ACTIVE' | 'PAUSED';

/**
 * One webhook subscription in `event_subscriptions`. The secret is kept, encrypted, to sign with; it is never
 * shown again.
 */
export interface SubscriptionDocument {
  _id: string;
  /** The organisation whose key created it: only its keys see or change it, and it receives what they may see. */
  owner: { orgId: string; orgKey: string; role: Role; keyId: string };
  callbackUrl: string;
  /** Encrypted (see sealed-secret.ts); `secretOf` opens it. */
  secret: SealedSecret;
  /** How notifications are signed; absent (subscriptions from before there was a choice) is DCSA. */
  signatureScheme?: SignatureScheme;
  filter: EventFilter;
  status: SubscriptionStatus;
  createdAt: Date;
  updatedAt: Date;
  /** Consecutive failed deliveries, since when, the last error and when the next try is due. */
  failures: number;
  failingSince?: Date;
  lastError?: string;
  nextAttemptAt?: Date;
  pausedAt?: Date;
  pausedReason?: string;
  /** The webhooks process delivering it now, until when: one deliverer per subscription keeps its order. */
  lease?: { owner: string; until: Date };
}

export interface SubscriptionSettings {
  readonly callbackUrl: string;
  readonly filter: EventFilter;
  /** DCSA when a subscription is created without one; an update without one keeps the current scheme. */
  readonly signatureScheme?: SignatureScheme;
}

/** The principal a subscription receives events as: its owner's role and organisation. */
export function ownerPrincipal(subscription: SubscriptionDocument): Principal {
  const { owner } = subscription;
  return { keyId: owner.keyId, role: owner.role, orgId: owner.orgId, name: owner.orgId };
}

/** `event_subscriptions`: partners' webhook subscriptions, their delivery state and the lease of who delivers. */
export class SubscriptionsRepository implements IndexOwner {
  private readonly collection: Collection<SubscriptionDocument>;

  /** `secretsKey`: the key secrets are encrypted with; the platform's `secrets` key unless a test gives one. */
  constructor(
    connection: Connection,
    private readonly secretsKey: () => Buffer = () => serverKey('secrets'),
  ) {
    this.collection = connection.collection<SubscriptionDocument>('event_subscriptions');
  }

  async ensureIndexes(): Promise<void> {
    await this.collection.createIndex({ 'owner.orgKey': 1, _id: 1 });
  }

  async create(owner: Principal, settings: SubscriptionSettings, secret: string, now = new Date()) {
    const id = randomUUID();
    const document: SubscriptionDocument = {
      _id: id,
      owner: { orgId: owner.orgId, orgKey: orgKey(owner.orgId), role: owner.role, keyId: owner.keyId },
      callbackUrl: settings.callbackUrl,
      secret: sealSecret(secret, this.secretsKey(), id),
      signatureScheme: settings.signatureScheme ?? 'DCSA',
      filter: settings.filter,
      status: 'ACTIVE',
      createdAt: now,
      updatedAt: now,
      failures: 0,
    };
    await this.collection.insertOne(document);
    return document;
  }

  /** The subscription, if the principal's organisation owns it. */
  async owned(principal: Principal, id: string): Promise<SubscriptionDocument | undefined> {
    return (await this.collection.findOne({ _id: id, 'owner.orgKey': orgKey(principal.orgId) })) ?? undefined;
  }

  async get(id: string): Promise<SubscriptionDocument | undefined> {
    return (await this.collection.findOne({ _id: id })) ?? undefined;
  }

  /** A page of the organisation's subscriptions, in id order after `afterId`. */
  list(principal: Principal, limit: number, afterId?: string): Promise<SubscriptionDocument[]> {
    return this.collection
      .find({ 'owner.orgKey': orgKey(principal.orgId), ...(afterId === undefined ? {} : { _id: { $gt: afterId } }) })
      .sort({ _id: 1 })
      .limit(limit)
      .toArray();
  }

  async update(principal: Principal, id: string, settings: SubscriptionSettings) {
    return (
      (await this.collection.findOneAndUpdate(
        { _id: id, 'owner.orgKey': orgKey(principal.orgId) },
        {
          $set: {
            callbackUrl: settings.callbackUrl,
            filter: settings.filter,
            ...(settings.signatureScheme === undefined ? {} : { signatureScheme: settings.signatureScheme }),
            updatedAt: new Date(),
          },
        },
        { returnDocument: 'after' },
      )) ?? undefined
    );
  }

  async setSecret(principal: Principal, id: string, secret: string): Promise<boolean> {
    const result = await this.collection.updateOne(
      { _id: id, 'owner.orgKey': orgKey(principal.orgId) },
      { $set: { secret: sealSecret(secret, this.secretsKey(), id), updatedAt: new Date() } },
    );
    return result.matchedCount === 1;
  }

  /**
   * The subscription's secret, to sign with. A document still holding it in plaintext (written before secrets
   * were encrypted, and not yet migrated by `encryptPlaintextSecrets`) gives it as it is.
   */
  secretOf(subscription: Pick<SubscriptionDocument, '_id' | 'secret'>): string {
    const stored: unknown = subscription.secret;
    return typeof stored === 'string'
      ? stored
      : openSecret(stored as SealedSecret, this.secretsKey(), subscription._id);
  }

  /**
   * Encrypts every secret the store still holds in plaintext (documents from before secrets were encrypted);
   * returns how many. Safe to run again, and from several processes at once: each document is replaced only
   * while it still holds the plaintext that was read.
   */
  async encryptPlaintextSecrets(): Promise<number> {
    let encrypted = 0;
    const plaintext = this.collection.find({ secret: { $type: 'string' } }, { projection: { secret: 1 } });
    for await (const { _id, secret } of plaintext) {
      const result = await this.collection.updateOne(
        { _id, secret },
        { $set: { secret: sealSecret(secret as unknown as string, this.secretsKey(), _id) } },
      );
      encrypted += result.modifiedCount;
    }
    return encrypted;
  }

  async remove(principal: Principal, id: string): Promise<boolean> {
    const result = await this.collection.deleteOne({ _id: id, 'owner.orgKey': orgKey(principal.orgId) });
    return result.deletedCount === 1;
  }

  /** Resumes a paused subscription at once, from the delivery where it stopped. */
  async resume(principal: Principal, id: string) {
    return (
      (await this.collection.findOneAndUpdate(
        { _id: id, 'owner.orgKey': orgKey(principal.orgId) },
        {
          $set: { status: 'ACTIVE', failures: 0, updatedAt: new Date() },
          $unset: { pausedAt: '', pausedReason: '', failingSince: '', nextAttemptAt: '' },
        },
        { returnDocument: 'after' },
      )) ?? undefined
    );
  }

  /** Every subscription, paused ones included (their events wait for them): what the feed matches events against. */
  all(): Promise<SubscriptionDocument[]> {
    return this.collection.find({}).toArray();
  }

  /** The active subscriptions due a retry, or, with `all`, every active one. */
  due(now: Date, all: boolean): Promise<SubscriptionDocument[]> {
    return this.collection
      .find(all ? { status: 'ACTIVE' } : { status: 'ACTIVE', nextAttemptAt: { $lte: now } })
      .toArray();
  }

  /** Takes (or renews) the right to deliver an active subscription until `until`; false if another process holds it. */
  async claim(id: string, owner: string, now: Date, until: Date): Promise<SubscriptionDocument | undefined> {
    return (
      (await this.collection.findOneAndUpdate(
        {
          _id: id,
          status: 'ACTIVE',
          $or: [{ lease: { $exists: false } }, { 'lease.owner': owner }, { 'lease.until': { $lt: now } }],
        },
        { $set: { lease: { owner, until } } },
        { returnDocument: 'after' },
      )) ?? undefined
    );
  }

  async release(id: string, owner: string): Promise<void> {
    await this.collection.updateOne({ _id: id, 'lease.owner': owner }, { $unset: { lease: '' } });
  }

  async delivered(id: string): Promise<void> {
    await this.collection.updateOne(
      { _id: id, failures: { $gt: 0 } },
      { $set: { failures: 0 }, $unset: { failingSince: '', lastError: '', nextAttemptAt: '' } },
    );
  }

  /** Records a failed try: the next is due at `nextAttemptAt`, or, with `pauseReason`, the subscription pauses. */
  async failed(
    subscription: SubscriptionDocument,
    error: string,
    now: Date,
    next: { nextAttemptAt: Date } | { pauseReason: string },
  ): Promise<void> {
    await this.collection.updateOne(
      { _id: subscription._id },
      {
        $set: {
          failures: subscription.failures + 1,
          failingSince: subscription.failingSince ?? now,
          lastError: error,
          ...('pauseReason' in next
            ? { status: 'PAUSED' as const, pausedAt: now, pausedReason: next.pauseReason }
            : { nextAttemptAt: next.nextAttemptAt }),
        },
        ...('pauseReason' in next ? { $unset: { nextAttemptAt: '' as const } } : {}),
      },
    );
  }
}

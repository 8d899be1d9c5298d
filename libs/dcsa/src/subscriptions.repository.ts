import { randomUUID } from 'node:crypto';
import type { Collection } from 'mongodb';
import type { Connection } from 'mongoose';
import type { Principal, Role } from '@mmt/access';
import { orgKey } from '@mmt/store';
import type { EventFilter } from './event-filter';

export type SubscriptionStatus = 'ACTIVE' | 'PAUSED';

/** One webhook subscription in `event_subscriptions`. The secret is kept to sign with; it is never shown again. */
export interface SubscriptionDocument {
  _id: string;
  /** The organisation whose key created it: only its keys see or change it, and it receives what they may see. */
  owner: { orgId: string; orgKey: string; role: Role; keyId: string };
  callbackUrl: string;
  secret: string;
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
}

/** The principal a subscription receives events as: its owner's role and organisation. */
export function ownerPrincipal(subscription: SubscriptionDocument): Principal {
  const { owner } = subscription;
  return { keyId: owner.keyId, role: owner.role, orgId: owner.orgId, name: owner.orgId };
}

/** `event_subscriptions`: partners' webhook subscriptions, their delivery state and the lease of who delivers. */
export class SubscriptionsRepository {
  private readonly collection: Collection<SubscriptionDocument>;

  constructor(connection: Connection) {
    this.collection = connection.collection<SubscriptionDocument>('event_subscriptions');
  }

  async ensureIndexes(): Promise<void> {
    await this.collection.createIndex({ 'owner.orgKey': 1, _id: 1 });
  }

  async create(owner: Principal, settings: SubscriptionSettings, secret: string, now = new Date()) {
    const document: SubscriptionDocument = {
      _id: randomUUID(),
      owner: { orgId: owner.orgId, orgKey: orgKey(owner.orgId), role: owner.role, keyId: owner.keyId },
      callbackUrl: settings.callbackUrl,
      secret,
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
        { $set: { callbackUrl: settings.callbackUrl, filter: settings.filter, updatedAt: new Date() } },
        { returnDocument: 'after' },
      )) ?? undefined
    );
  }

  async setSecret(principal: Principal, id: string, secret: string): Promise<boolean> {
    const result = await this.collection.updateOne(
      { _id: id, 'owner.orgKey': orgKey(principal.orgId) },
      { $set: { secret, updatedAt: new Date() } },
    );
    return result.matchedCount === 1;
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

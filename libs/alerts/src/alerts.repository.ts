import type { Collection, Filter } from 'mongodb';
import type { Connection } from 'mongoose';
import type { Alert, AlertKind, AlertState, Notice, TimeLimit, TimeLimitTable } from '@mmt/contracts';
import { bulkWriteInChunks, findIn, insertNew, isDuplicateKeyError, orgKey } from '@mmt/store';
import type { StoredWait } from './cold-chain-waits';
import type { StoredNotice } from './journey-notices';
import type { UndeclaredLoad } from './journey-alerts';
import { DEFAULT_TIME_LIMITS } from './time-limits';
import type { IndexOwner } from '@mmt/store';

/**
 * A change an alert's document owes `tracking.alerts.v1`: stored with the alert's new state, removed once the
 * change is known to be on the topic (see sendPending).
 */
export interface PendingAlertChange {
  readonly change: 'RAISED' | 'CLEARED';
  readonly changedAt: string;
}

/** Stored alerts and notices carry their parties' organisation keys, which scoped reads match. */
export type AlertDocument = Alert & {
  readonly _id: string;
  readonly orgKeys: readonly string[];
  readonly pending?: PendingAlertChange;
};
export type NoticeDocument = StoredNotice & { readonly _id: string; readonly orgKeys: readonly string[] };
/** `v000001`, … for each published version; `current` for the one in force. */
type TimeLimitDocument = TimeLimitTable & { readonly _id: string };

const CURRENT = 'current';
const versionId = (version: number) => `v${String(version).padStart(6, '0')}`;
export const orgKeysOf = (orgIds: readonly string[]) => [...new Set(orgIds.map(orgKey))];

/** The alert a stored document holds, without the store's own fields. */
export function alertOf(document: AlertDocument): Alert {
  const { _id, orgKeys, pending, ...alert } = document;
  void [_id, orgKeys, pending];
  return alert;
}

/** The notice a stored document holds, without the store's own fields. */
export function noticeOf(document: NoticeDocument): Notice {
  const { _id, orgKeys, pending, ...notice } = document;
  void [_id, orgKeys, pending];
  return notice;
}

export function alertDocument(alert: Alert, pending?: PendingAlertChange): AlertDocument {
  return {
    _id: alert.alertId,
    ...alert,
    orgKeys: orgKeysOf(alert.orgIds),
    ...(pending === undefined ? {} : { pending }),
  };
}

export function noticeDocument(notice: StoredNotice): NoticeDocument {
  return { _id: notice.noticeId, ...notice, orgKeys: orgKeysOf(notice.orgIds) };
}

/** Fields of an alert set by the alerts service: its parties follow its journey; clearing sets its state. */
export type AlertFields = Partial<Alert> & { readonly pending?: PendingAlertChange };

/** A write to a stored alert: a whole new state (raised again after it was cleared), or some of its fields. */
export type AlertWrite =
  { readonly replace: AlertDocument } | { readonly alertId: string; readonly fields: AlertFields };

/** The document as an AlertWrite leaves it. */
export function afterWrite(before: AlertDocument, write: AlertWrite): AlertDocument {
  if ('replace' in write) {
    return write.replace;
  }
  const { fields } = write;
  return { ...before, ...fields, ...(fields.orgIds === undefined ? {} : { orgKeys: orgKeysOf(fields.orgIds) }) };
}

export interface AlertQuery {
  /** Undefined for the port office; otherwise the caller's organisation. */
  readonly orgId?: string;
  readonly states: readonly AlertState[];
  readonly kinds?: readonly AlertKind[];
  readonly containerNo?: string;
  readonly first: number;
}

export class PublishConflictError extends Error {}

/**
 * `alerts`, `notices`, `alert_undeclared_loads` (loads whose conveyance's manifest may not list them),
 * `alert_cold_chain_waits` (operations cold cargo still waits on) and `time_limit_tables`. The alerts service
 * writes alerts and notices; the gateway changes only an alert's acknowledgement and resolution fields, with
 * `$set`, so the two never overwrite each other.
 */
export class AlertsRepository implements IndexOwner {
  readonly alerts: Collection<AlertDocument>;
  readonly notices: Collection<NoticeDocument>;
  private readonly undeclared: Collection<UndeclaredLoad>;
  private readonly waits: Collection<StoredWait>;
  private readonly tables: Collection<TimeLimitDocument>;

  constructor(connection: Connection) {
    this.alerts = connection.collection<AlertDocument>('alerts');
    this.notices = connection.collection<NoticeDocument>('notices');
    this.undeclared = connection.collection<UndeclaredLoad>('alert_undeclared_loads');
    this.waits = connection.collection<StoredWait>('alert_cold_chain_waits');
    this.tables = connection.collection<TimeLimitDocument>('time_limit_tables');
  }

  async ensureIndexes(): Promise<void> {
    // The service reads a batch's alerts and notices by container; lists read by state, or by party and state.
    await this.alerts.createIndex({ containerNo: 1 });
    await this.alerts.createIndex({ state: 1 });
    await this.alerts.createIndex({ orgKeys: 1, state: 1 });
    await this.notices.createIndex({ containerNo: 1 });
    await this.notices.createIndex({ orgKeys: 1 });
    await this.undeclared.createIndex({ conveyanceKey: 1 });
    await this.undeclared.createIndex({ 'journey.containerNo': 1 });
    await this.waits.createIndex({ containerNo: 1 });
    await this.waits.createIndex({ raised: 1, dueAt: 1 });
  }

  // Time limits.

  /** The table in force; the built-in version 1 is published the first time anyone asks. */
  async currentLimits(): Promise<TimeLimitTable> {
    const current = await this.tables.findOne({ _id: CURRENT });
    if (current !== null) {
      return withoutId(current);
    }
    const first: TimeLimitTable = {
      version: 1,
      publishedAt: new Date().toISOString(),
      publishedBy: 'platform',
      note: 'built-in defaults',
      limits: DEFAULT_TIME_LIMITS,
    };
    await insertNew(this.tables, [
      { _id: versionId(1), ...first },
      { _id: CURRENT, ...first },
    ]);
    return withoutId((await this.tables.findOne({ _id: CURRENT }))!);
  }

  async limitsVersion(version: number): Promise<TimeLimitTable | undefined> {
    const found = await this.tables.findOne({ _id: versionId(version) });
    return found === null ? undefined : withoutId(found);
  }

  /**
   * Publishes the next version. Its id is unique, so of two publishers racing for one version only one wins; the
   * other gets PublishConflictError and may try again on the newer table.
   */
  async publish(limits: readonly TimeLimit[], publishedBy: string, note?: string): Promise<TimeLimitTable> {
    const current = await this.currentLimits();
    const next: TimeLimitTable = {
      version: current.version + 1,
      publishedAt: new Date().toISOString(),
      publishedBy,
      ...(note === undefined ? {} : { note }),
      limits,
    };
    try {
      await this.tables.insertOne({ _id: versionId(next.version), ...next });
    } catch (error) {
      if (isDuplicateKeyError(error)) {
        throw new PublishConflictError(`version ${next.version} was published meanwhile: read the table and try again`);
      }
      throw error;
    }
    await this.tables.replaceOne({ _id: CURRENT, version: current.version }, { ...next });
    return next;
  }

  // What the alerts service reads and writes.

  alertsOfContainers(containerNos: readonly string[]): Promise<AlertDocument[]> {
    return findIn(this.alerts, 'containerNo', containerNos);
  }

  alertsById(ids: readonly string[]): Promise<AlertDocument[]> {
    return findIn(this.alerts, '_id', ids);
  }

  noticesOfContainers(containerNos: readonly string[]): Promise<NoticeDocument[]> {
    return findIn(this.notices, 'containerNo', containerNos);
  }

  /** Inserts the alerts whose id is not taken yet; returns those it inserted. */
  insertAlerts(documents: readonly AlertDocument[]): Promise<AlertDocument[]> {
    return insertNew(this.alerts, documents);
  }

  async updateAlerts(writes: readonly AlertWrite[]): Promise<void> {
    await bulkWriteInChunks(
      this.alerts,
      writes.map((write) => {
        if ('replace' in write) {
          const { _id, ...replacement } = write.replace;
          return { replaceOne: { filter: { _id }, replacement } };
        }
        const { fields } = write;
        const set = fields.orgIds === undefined ? fields : { ...fields, orgKeys: orgKeysOf(fields.orgIds) };
        return { updateOne: { filter: { _id: write.alertId }, update: { $set: set } } };
      }),
    );
  }

  /** Forgets the pending change of each alert, if it is still the one that was sent. */
  async markAlertsSent(sent: readonly AlertDocument[]): Promise<void> {
    await bulkWriteInChunks(
      this.alerts,
      sent.map(({ _id, pending }) => ({
        updateOne: {
          filter: { _id, 'pending.change': pending?.change, 'pending.changedAt': pending?.changedAt },
          update: { $unset: { pending: '' } },
        },
      })),
    );
  }

  /** Inserts the notices whose id is not taken yet; returns those it inserted. */
  insertNotices(notices: readonly StoredNotice[]): Promise<NoticeDocument[]> {
    return insertNew(this.notices, notices.map(noticeDocument));
  }

  /**
   * Moves notices stored under the earlier id, `<journeyId>|<eventId>`, to their event's id, so that they are not
   * issued again under it (of two for one event, the first stays). Run at start; repeatable after a crash.
   */
  async renameEarlierNotices(): Promise<number> {
    const earlier = { _id: { $regex: '\\|' } };
    const notices = await this.notices.find(earlier).toArray();
    await insertNew(
      this.notices,
      notices.map((n) => ({ ...n, _id: n.eventId, noticeId: n.eventId })),
    );
    await this.notices.deleteMany(earlier);
    return notices.length;
  }

  /** Replaces issued notices whose journey changed (only the alerts service writes notices). */
  async replaceNotices(notices: readonly StoredNotice[]): Promise<void> {
    await bulkWriteInChunks(
      this.notices,
      notices.map((n) => {
        const { _id, ...replacement } = noticeDocument(n);
        return { replaceOne: { filter: { _id }, replacement } };
      }),
    );
  }

  /** Forgets the pending sends of each notice, if its latest is still the one that was sent. */
  async markNoticesSent(sent: readonly NoticeDocument[]): Promise<void> {
    await bulkWriteInChunks(
      this.notices,
      sent.map(({ _id, pending }) => ({
        updateOne: { filter: { _id, 'pending.since': pending?.at(-1)?.since }, update: { $unset: { pending: '' } } },
      })),
    );
  }

  undeclaredOfContainers(containerNos: readonly string[]): Promise<UndeclaredLoad[]> {
    return findIn(this.undeclared, 'journey.containerNo', containerNos);
  }

  undeclaredOnConveyances(conveyanceKeys: readonly string[]): Promise<UndeclaredLoad[]> {
    return findIn(this.undeclared, 'conveyanceKey', conveyanceKeys);
  }

  async replaceUndeclared(put: readonly UndeclaredLoad[], removedIds: readonly string[]): Promise<void> {
    await bulkWriteInChunks(this.undeclared, [
      ...put.map((load) => ({
        replaceOne: { filter: { _id: load._id }, replacement: load, upsert: true },
      })),
      ...removedIds.map((id) => ({ deleteOne: { filter: { _id: id } } })),
    ]);
  }

  waitsOfContainers(containerNos: readonly string[]): Promise<StoredWait[]> {
    return findIn(this.waits, 'containerNo', containerNos);
  }

  async replaceWaits(put: readonly StoredWait[], removedIds: readonly string[]): Promise<void> {
    await bulkWriteInChunks(this.waits, [
      ...put.map((wait) => ({ replaceOne: { filter: { _id: wait._id }, replacement: wait, upsert: true } })),
      ...removedIds.map((id) => ({ deleteOne: { filter: { _id: id } } })),
    ]);
  }

  /** Waits due by `now` that the clock has not raised yet, the earliest first. */
  dueWaits(now: Date, limit: number): Promise<StoredWait[]> {
    return this.waits
      .find({ raised: false, dueAt: { $lte: now } })
      .sort({ dueAt: 1 })
      .limit(limit)
      .toArray();
  }

  async markWaitsRaised(ids: readonly string[]): Promise<void> {
    await bulkWriteInChunks(
      this.waits,
      ids.map((id) => ({ updateOne: { filter: { _id: id }, update: { $set: { raised: true } } } })),
    );
  }

  // What the gateway reads and changes.

  /** Alerts for a list: cold-chain first, then the newest first. */
  listAlerts(query: AlertQuery): Promise<AlertDocument[]> {
    const filter: Filter<AlertDocument> = {
      ...(query.orgId === undefined ? {} : { orgKeys: orgKey(query.orgId) }),
      state: { $in: [...query.states] },
      ...(query.kinds === undefined ? {} : { kind: { $in: [...query.kinds] } }),
      ...(query.containerNo === undefined ? {} : { containerNo: query.containerNo }),
    };
    return this.alerts.find(filter).sort({ coldChain: -1, raisedAt: -1, _id: 1 }).limit(query.first).toArray();
  }

  listNotices(query: { orgId?: string; containerNo?: string; first: number }): Promise<NoticeDocument[]> {
    const filter: Filter<NoticeDocument> = {
      ...(query.orgId === undefined ? {} : { orgKeys: orgKey(query.orgId) }),
      ...(query.containerNo === undefined ? {} : { containerNo: query.containerNo }),
    };
    return this.notices.find(filter).sort({ coldChain: -1, at: -1, _id: 1 }).limit(query.first).toArray();
  }

  async findAlert(alertId: string): Promise<AlertDocument | undefined> {
    return (await this.alerts.findOne({ _id: alertId })) ?? undefined;
  }

  /** Changes an alert that is in one of `from`; undefined when it is not (any more). */
  async changeAlert(
    alertId: string,
    from: readonly AlertState[],
    fields: Partial<Alert>,
  ): Promise<AlertDocument | undefined> {
    const updated = await this.alerts.findOneAndUpdate(
      { _id: alertId, state: { $in: [...from] } },
      { $set: fields },
      { returnDocument: 'after' },
    );
    return updated ?? undefined;
  }

  async deleteAll(): Promise<void> {
    await Promise.all([
      this.alerts.deleteMany({}),
      this.notices.deleteMany({}),
      this.undeclared.deleteMany({}),
      this.waits.deleteMany({}),
      this.tables.deleteMany({}),
    ]);
  }
}

function withoutId<T extends { _id: string }>(document: T): Omit<T, '_id'> {
  const { _id, ...rest } = document;
  void _id;
  return rest;
}

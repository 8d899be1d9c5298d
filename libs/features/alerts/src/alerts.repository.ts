import type { Filter } from 'mongodb';
import type { Connection } from 'mongoose';
import type { Alert, AlertKind, AlertState, Corridor } from '@mmt/contracts';
import { bulkWriteInChunks, CollectionRepository, findIn, insertNew, orgKey } from '@mmt/store';
import { orgKeysOf, type AlertDocument, type AlertWrite } from './alert-documents';

export interface AlertQuery {
  /** Undefined for the port office; otherwise the caller's organisation. */
  readonly orgId?: string;
  readonly states: readonly AlertState[];
  readonly kinds?: readonly AlertKind[];
  readonly containerNo?: string;
  readonly corridor?: Corridor;
  readonly coldChain?: boolean;
  readonly first: number;
}

/** Where a page of alerts ends, in their order (cold-chain first, then newest raised, then by id). */
export interface AlertPosition {
  readonly coldChain: boolean;
  readonly raisedAt: string;
  readonly alertId: string;
}

const ALERT_ORDER = { coldChain: -1, raisedAt: -1, _id: 1 } as const;

/** The alerts a query asks for, whatever page. */
function matching(query: Omit<AlertQuery, 'first'>): Filter<AlertDocument> {
  return {
    ...(query.orgId === undefined ? {} : { orgKeys: orgKey(query.orgId) }),
    state: { $in: [...query.states] },
    ...(query.kinds === undefined ? {} : { kind: { $in: [...query.kinds] } }),
    ...(query.containerNo === undefined ? {} : { containerNo: query.containerNo }),
    ...(query.corridor === undefined ? {} : { corridor: query.corridor }),
    ...(query.coldChain === undefined ? {} : { coldChain: query.coldChain }),
  };
}

/** The alerts after a position, in ALERT_ORDER. */
function after({ coldChain, raisedAt, alertId }: AlertPosition): Filter<AlertDocument> {
  return {
    $or: [
      { coldChain: { $lt: coldChain } },
      { coldChain, raisedAt: { $lt: raisedAt } },
      { coldChain, raisedAt, _id: { $gt: alertId } },
    ],
  };
}

/** Some alerts changed between their judgement and its write: judge them again from what is stored now. */
export class AlertChangedMeanwhile extends Error {
  constructor(readonly alerts: number) {
    super(`${alerts} alert(s) changed since they were read`);
    this.name = 'AlertChangedMeanwhile';
  }
}

/**
 * `alerts`. The alerts service writes alerts; the gateway changes only an alert's acknowledgement and resolution
 * fields, with `$set`, so the two never overwrite each other.
 */
export class AlertsRepository extends CollectionRepository<AlertDocument> {
  constructor(connection: Connection) {
    // The service reads a batch's alerts by container; lists read by state, or by party and state.
    super(connection, 'alerts', [{ containerNo: 1 }, { state: 1 }, { orgKeys: 1, state: 1 }]);
  }

  // What the alerts service reads and writes.

  alertsOfContainers(containerNos: readonly string[]): Promise<AlertDocument[]> {
    return findIn(this.collection, 'containerNo', containerNos);
  }

  alertsById(ids: readonly string[]): Promise<AlertDocument[]> {
    return findIn(this.collection, '_id', ids);
  }

  /** Inserts the alerts whose id is not taken yet; returns those it inserted. */
  insertAlerts(documents: readonly AlertDocument[]): Promise<AlertDocument[]> {
    return insertNew(this.collection, documents);
  }

  /**
   * Makes each write whose alert is as it was judged (see AlertWrite's `from`); throws AlertChangedMeanwhile, after
   * the others are made, when some alert was not.
   */
  async updateAlerts(writes: readonly AlertWrite[]): Promise<void> {
    const asJudged = (_id: string, from: AlertState | undefined): Filter<AlertDocument> =>
      from === undefined ? { _id } : { _id, state: from, pending: { $exists: false } };
    const { matched } = await bulkWriteInChunks(
      this.collection,
      writes.map((write) => {
        if ('replace' in write) {
          const { _id, ...replacement } = write.replace;
          return { replaceOne: { filter: asJudged(_id, write.from), replacement } };
        }
        const { fields } = write;
        const set = fields.orgIds === undefined ? fields : { ...fields, orgKeys: orgKeysOf(fields.orgIds) };
        return { updateOne: { filter: asJudged(write.alertId, write.from), update: { $set: set } } };
      }),
    );
    if (matched < writes.length) {
      throw new AlertChangedMeanwhile(writes.length - matched);
    }
  }

  /** Forgets the pending change of each alert, if it is still the one that was sent. */
  async markAlertsSent(sent: readonly AlertDocument[]): Promise<void> {
    await bulkWriteInChunks(
      this.collection,
      sent.map(({ _id, pending }) => ({
        updateOne: {
          filter: { _id, 'pending.change': pending?.change, 'pending.changedAt': pending?.changedAt },
          update: { $unset: { pending: '' } },
        },
      })),
    );
  }

  // What the gateway reads and changes.

  /** Alerts for a list: cold-chain first, then the newest first. */
  listAlerts(query: AlertQuery, from?: AlertPosition): Promise<AlertDocument[]> {
    const filter = from === undefined ? matching(query) : { $and: [matching(query), after(from)] };
    return this.collection.find(filter).sort(ALERT_ORDER).limit(query.first).toArray();
  }

  /** How many alerts a query finds on all its pages. */
  countAlerts(query: Omit<AlertQuery, 'first'>): Promise<number> {
    return this.collection.countDocuments(matching(query));
  }

  async findAlert(alertId: string): Promise<AlertDocument | undefined> {
    return (await this.collection.findOne({ _id: alertId })) ?? undefined;
  }

  /** Changes an alert that is in one of `from`; undefined when it is not (any more). */
  async changeAlert(
    alertId: string,
    from: readonly AlertState[],
    fields: Partial<Alert>,
  ): Promise<AlertDocument | undefined> {
    const updated = await this.collection.findOneAndUpdate(
      { _id: alertId, state: { $in: [...from] } },
      { $set: fields },
      { returnDocument: 'after' },
    );
    return updated ?? undefined;
  }

  async deleteAll(): Promise<void> {
    await this.collection.deleteMany({});
  }
}

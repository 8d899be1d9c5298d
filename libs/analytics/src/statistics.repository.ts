import type { AnyBulkWriteOperation, Collection, Filter } from 'mongodb';
import type { Connection } from 'mongoose';
import { bulkWriteInChunks, findIn, isDuplicateKeyError } from '@mmt/store';
import {
  addTotals,
  bucketId,
  emptyTotals,
  type BucketDelta,
  type BucketKey,
  type MetricsTotals,
  type MetricTotals,
} from './bucket-deltas';
import type { CorridorOrUnknown, Fact } from './journey-facts';

/** `stats_contributions`: what each journey adds to the buckets now, to be taken out when it changes. */
export interface ContributionDocument {
  readonly _id: string;
  readonly containerNo: string;
  readonly version: string;
  readonly facts: readonly Fact[];
}

/**
 * `stats_pending`: one writer's change in flight (a writer is one partition of the journey updates, or a
 * rebuild). Written whole before anything else, then carried out; a writer that crashed meanwhile carries it
 * out again before its next change, and each bucket's mark makes that second pass a no-op where the first
 * one got through.
 */
export interface PendingChange {
  readonly _id: string;
  readonly seq: number;
  readonly done: boolean;
  readonly contributions: readonly ContributionDocument[];
  readonly removedJourneyIds: readonly string[];
  readonly deltas: readonly BucketDelta[];
}

/** `stats_buckets`: one document per bucket (a month's and its days' totals); `marks`: each writer's last change. */
export interface BucketDocument extends BucketKey {
  readonly _id: string;
  /** A hub's bucket or a customs broker's: reads ask for one kind, so a port's report never reads its brokers'. */
  readonly kind: BucketKind;
  /** Raised by each write: a writer replaces the revision it read, or reads the bucket again. */
  readonly rev: number;
  readonly marks: Readonly<Record<string, number>>;
  /** The month's totals. */
  readonly metrics: MetricsTotals;
  /** Each day's totals, by dayKey (`d01` … `d31`). */
  readonly days: Readonly<Record<string, MetricsTotals>>;
}

const MAX_ATTEMPTS = 50;

export type BucketKind = 'HUB' | 'BROKER';
const kindOf = (key: BucketKey): BucketKind => (key.broker === undefined ? 'HUB' : 'BROKER');

export class StatisticsRepository {
  readonly buckets: Collection<BucketDocument>;
  readonly contributions: Collection<ContributionDocument>;
  readonly pending: Collection<PendingChange>;

  constructor(connection: Connection) {
    this.buckets = connection.collection<BucketDocument>('stats_buckets');
    this.contributions = connection.collection<ContributionDocument>('stats_contributions');
    this.pending = connection.collection<PendingChange>('stats_pending');
  }

  /** A hub's buckets of a period, and a corridor's: each read is an index of exactly its equality fields. */
  async ensureIndexes(): Promise<void> {
    await this.buckets.createIndex({ month: 1, locode: 1, kind: 1 });
    await this.buckets.createIndex({ month: 1, corridor: 1, kind: 1 });
    await this.contributions.createIndex({ containerNo: 1 });
  }

  contributionsOf(containerNos: readonly string[]): Promise<ContributionDocument[]> {
    return findIn(this.contributions, 'containerNo', containerNos);
  }

  /**
   * A hub's buckets of these months (one query each: the store uses an index for equality only). `days: false`
   * leaves out each bucket's days (and its writers' marks), a month query's only needs: a thirtieth of the bytes.
   */
  async bucketsOfHub(months: readonly string[], locode: string, { days = true } = {}): Promise<BucketDocument[]> {
    return (await Promise.all(months.map((month) => this.read({ month, locode, kind: 'HUB' }, days)))).flat();
  }

  /** The customs brokers' buckets at a port in these months. */
  async brokerBucketsOfPort(months: readonly string[], locode: string, { days = true } = {}) {
    return (await Promise.all(months.map((month) => this.read({ month, locode, kind: 'BROKER' }, days)))).flat();
  }

  async bucketsOfCorridor(
    months: readonly string[],
    corridor: CorridorOrUnknown,
    { days = true } = {},
  ): Promise<BucketDocument[]> {
    return (await Promise.all(months.map((month) => this.read({ month, corridor, kind: 'HUB' }, days)))).flat();
  }

  /** Every bucket: for tests and exports. */
  all(): Promise<BucketDocument[]> {
    return this.read({});
  }

  private readIds(ids: readonly string[]): Promise<BucketDocument[]> {
    return findIn(this.buckets, '_id', ids);
  }

  private read(filter: Filter<BucketDocument>, days = true): Promise<BucketDocument[]> {
    return this.buckets.find(filter, days ? {} : { projection: { days: 0, marks: 0 } }).toArray();
  }

  async pendingOf(writer: string): Promise<PendingChange | undefined> {
    return (await this.pending.findOne({ _id: writer })) ?? undefined;
  }

  /** Records a change, then carries it out. */
  async commit(change: Omit<PendingChange, 'seq' | 'done'>, previousSeq: number): Promise<PendingChange> {
    const pending: PendingChange = { ...change, seq: previousSeq + 1, done: false };
    await this.pending.replaceOne({ _id: pending._id }, pending, { upsert: true });
    await this.carryOut(pending);
    return pending;
  }

  /** Writes the contributions and applies the deltas; safe to run again after a crash at any point. */
  async carryOut(pending: PendingChange): Promise<void> {
    await bulkWriteInChunks(this.contributions, [
      ...pending.contributions.map((doc): AnyBulkWriteOperation<ContributionDocument> => ({
        replaceOne: { filter: { _id: doc._id }, replacement: doc, upsert: true },
      })),
      ...pending.removedJourneyIds.map((id): AnyBulkWriteOperation<ContributionDocument> => ({
        deleteOne: { filter: { _id: id } },
      })),
    ]);
    await this.applyDeltas(pending._id, pending.seq, pending.deltas);
    await this.pending.updateOne({ _id: pending._id, seq: pending.seq }, { $set: { done: true } });
  }

  /**
   * Applies each delta to its bucket once: a bucket whose mark for `writer` has reached `seq` has it already.
   * Each bucket is read, changed in memory and replaced whole, expecting the revision it read: several writers
   * share buckets, and a writer that lost a race reads the bucket again. (A `$inc` of every changed count would
   * need no revision, but the embedded store checks an update's paths against each other: 50 paths cost 80 ms,
   * 800 paths 560 ms, where replacing the whole bucket costs a few milliseconds.)
   */
  protected async applyDeltas(writer: string, seq: number, deltas: readonly BucketDelta[]): Promise<void> {
    let left = deltas;
    for (let attempt = 1; left.length > 0; attempt += 1) {
      if (attempt > MAX_ATTEMPTS) {
        throw new Error(`${left.length} statistics buckets still changed by other writers after ${MAX_ATTEMPTS} tries`);
      }
      const found = new Map((await this.readIds(left.map((d) => bucketId(d.key)))).map((doc) => [doc._id, doc]));
      const tried: BucketDelta[] = [];
      const operations: AnyBulkWriteOperation<BucketDocument>[] = [];
      for (const delta of left) {
        const current = found.get(bucketId(delta.key));
        if ((current?.marks[writer] ?? 0) >= seq) {
          continue;
        }
        const next = applied(current, delta, writer, seq);
        tried.push(delta);
        operations.push(
          current === undefined
            ? { insertOne: { document: next } }
            : { replaceOne: { filter: { _id: current._id, rev: current.rev }, replacement: next } },
        );
      }
      left = (await this.writeCounting(operations)) === operations.length ? [] : tried;
    }
  }

  /** How many of the writes took effect; a lost race (a duplicate insert, a changed revision) is not an error. */
  private async writeCounting(operations: AnyBulkWriteOperation<BucketDocument>[]): Promise<number> {
    if (operations.length === 0) {
      return 0;
    }
    try {
      const counts = await bulkWriteInChunks(this.buckets, operations);
      return counts.inserted + counts.matched;
    } catch (error) {
      const writeErrors = (error as { writeErrors?: unknown[] }).writeErrors ?? [];
      if (isDuplicateKeyError(error) && writeErrors.every(isDuplicateKeyError)) {
        return -1;
      }
      throw error;
    }
  }

  async deleteAll(): Promise<void> {
    await Promise.all([this.buckets.deleteMany({}), this.contributions.deleteMany({}), this.pending.deleteMany({})]);
  }
}

/** The bucket after a delta: its totals added, metrics back at zero dropped, the writer's mark set. */
function applied(current: BucketDocument | undefined, delta: BucketDelta, writer: string, seq: number): BucketDocument {
  const days: Record<string, MetricsTotals> = { ...current?.days };
  for (const [day, change] of Object.entries(delta.days)) {
    days[day] = addedUp(days[day], change);
  }
  return {
    ...delta.key,
    _id: bucketId(delta.key),
    kind: kindOf(delta.key),
    rev: (current?.rev ?? 0) + 1,
    marks: { ...current?.marks, [writer]: seq },
    metrics: addedUp(current?.metrics, delta.metrics),
    days,
  };
}

function addedUp(before: MetricsTotals | undefined, change: MetricsTotals): MetricsTotals {
  const after: Record<string, MetricTotals> = {};
  for (const [metric, totals] of Object.entries(before ?? {})) {
    after[metric] = { ...totals, sketch: { ...totals.sketch } };
  }
  for (const [metric, totals] of Object.entries(change)) {
    addTotals((after[metric] ??= emptyTotals()), totals);
  }
  return Object.fromEntries(
    Object.entries(after).filter(
      ([, t]) => t.count !== 0 || t.teu !== 0 || t.minutes !== 0 || Object.keys(t.sketch).length > 0,
    ),
  );
}

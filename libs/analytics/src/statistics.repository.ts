import type { AnyBulkWriteOperation, Collection, Filter, UpdateFilter } from 'mongodb';
import type { Connection } from 'mongoose';
import { bulkWriteInChunks, findIn, isDuplicateKeyError } from '@mmt/store';
import { bucketId, emptyTotals, type BucketDelta, type BucketKey, type MetricsTotals } from './bucket-deltas';
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
  readonly marks: Readonly<Record<string, number>>;
  /** The month's totals. */
  readonly metrics: MetricsTotals;
  /** Each day's totals, by dayKey (`d01` … `d31`). */
  readonly days: Readonly<Record<string, MetricsTotals>>;
}

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
    await this.buckets.createIndex({ month: 1, locode: 1 });
    await this.buckets.createIndex({ month: 1, corridor: 1 });
    await this.contributions.createIndex({ containerNo: 1 });
  }

  contributionsOf(containerNos: readonly string[]): Promise<ContributionDocument[]> {
    return findIn(this.contributions, 'containerNo', containerNos);
  }

  /** A hub's buckets of these months (one query each: the store uses an index for equality only). */
  async bucketsOfHub(months: readonly string[], locode: string): Promise<BucketDocument[]> {
    return (await Promise.all(months.map((month) => this.read({ month, locode })))).flat();
  }

  async bucketsOfCorridor(months: readonly string[], corridor: CorridorOrUnknown): Promise<BucketDocument[]> {
    return (await Promise.all(months.map((month) => this.read({ month, corridor })))).flat();
  }

  /** Every bucket: for tests and exports. */
  all(): Promise<BucketDocument[]> {
    return this.read({});
  }

  /** Buckets with every metric's totals whole: `$inc` leaves out the sums and sketch it never touched. */
  private async read(filter: Filter<BucketDocument>): Promise<BucketDocument[]> {
    const docs = await this.buckets.find(filter).toArray();
    const whole = (metrics: MetricsTotals | undefined): MetricsTotals =>
      Object.fromEntries(
        Object.entries(metrics ?? {}).map(([metric, totals]) => [metric, { ...emptyTotals(), ...totals }]),
      );
    return docs.map((doc) => ({
      ...doc,
      metrics: whole(doc.metrics),
      days: Object.fromEntries(Object.entries(doc.days ?? {}).map(([day, metrics]) => [day, whole(metrics)])),
    }));
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
   * Applies each delta to its bucket once, with `$inc` (several writers share buckets): the update matches only
   * a bucket whose mark for `writer` is below `seq`, and sets the mark. A bucket that does not match has the
   * change already, or does not exist yet: the update then inserts it, and an insert that finds the bucket
   * there (a duplicate `_id`: marked, or created meanwhile by another writer) is tried once more without it.
   */
  protected async applyDeltas(writer: string, seq: number, deltas: readonly BucketDelta[]): Promise<void> {
    const operations = (upsert: boolean) =>
      deltas.map((delta): AnyBulkWriteOperation<BucketDocument> => ({
        updateOne: {
          // `$not: { $gte }` also matches a bucket without this writer's mark. (An `$or` of `$lt` and `$exists`
          // says the same, but the embedded store then scans the collection instead of using `_id`.)
          filter: { _id: bucketId(delta.key), [`marks.${writer}`]: { $not: { $gte: seq } } },
          update: bucketUpdate(delta, writer, seq),
          upsert,
        },
      }));
    try {
      await bulkWriteInChunks(this.buckets, operations(true));
    } catch (error) {
      const writeErrors = (error as { writeErrors?: unknown[] }).writeErrors ?? [];
      if (!(isDuplicateKeyError(error) && writeErrors.every(isDuplicateKeyError))) {
        throw error;
      }
      await bulkWriteInChunks(this.buckets, operations(false));
    }
  }

  async deleteAll(): Promise<void> {
    await Promise.all([this.buckets.deleteMany({}), this.contributions.deleteMany({}), this.pending.deleteMany({})]);
  }
}

/** The `$inc` of a delta's counts, sums and sketch counts, and the writer's mark. */
function bucketUpdate(delta: BucketDelta, writer: string, seq: number): UpdateFilter<BucketDocument> {
  const increments: Record<string, number> = {};
  const increment = (path: string, metrics: MetricsTotals) => {
    for (const [metric, change] of Object.entries(metrics)) {
      increments[`${path}.${metric}.count`] = change.count;
      increments[`${path}.${metric}.teu`] = change.teu;
      increments[`${path}.${metric}.minutes`] = change.minutes;
      for (const [key, count] of Object.entries(change.sketch)) {
        increments[`${path}.${metric}.sketch.${key}`] = count;
      }
    }
  };
  increment('metrics', delta.metrics);
  for (const [day, metrics] of Object.entries(delta.days)) {
    increment(`days.${day}`, metrics);
  }
  return {
    $inc: increments,
    $set: { [`marks.${writer}`]: seq },
    $setOnInsert: { ...delta.key },
  };
}

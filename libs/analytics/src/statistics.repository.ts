import type { AnyBulkWriteOperation, Collection } from 'mongodb';
import type { Connection } from 'mongoose';
import { bulkWriteInChunks, findIn, isDuplicateKeyError } from '@mmt/store';
import { bucketId, type BucketDelta } from './bucket-deltas';
import type { CorridorOrUnknown, Fact } from './journey-facts';
import type { Granularity } from './periods';
import { applyDelta, type BucketDocument } from './bucket-document';

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

const MAX_ATTEMPTS = 50;

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
    await this.buckets.createIndex({ granularity: 1, period: 1, locode: 1 });
    await this.buckets.createIndex({ granularity: 1, period: 1, corridor: 1 });
    await this.contributions.createIndex({ containerNo: 1 });
  }

  contributionsOf(containerNos: readonly string[]): Promise<ContributionDocument[]> {
    return findIn(this.contributions, 'containerNo', containerNos);
  }

  bucketsOfHub(granularity: Granularity, period: string, locode: string): Promise<BucketDocument[]> {
    return this.buckets.find({ granularity, period, locode }).toArray();
  }

  bucketsOfCorridor(granularity: Granularity, period: string, corridor: CorridorOrUnknown): Promise<BucketDocument[]> {
    return this.buckets.find({ granularity, period, corridor }).toArray();
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
   * Several writers share buckets, so each write expects the revision it read and is tried again on a conflict.
   */
  private async applyDeltas(writer: string, seq: number, deltas: readonly BucketDelta[]): Promise<void> {
    let left = deltas;
    for (let attempt = 1; left.length > 0; attempt += 1) {
      if (attempt > MAX_ATTEMPTS) {
        throw new Error(`${left.length} statistics buckets still conflicting after ${MAX_ATTEMPTS} attempts`);
      }
      const found = new Map(
        (
          await findIn(
            this.buckets,
            '_id',
            left.map((d) => bucketId(d.key)),
          )
        ).map((doc) => [doc._id, doc]),
      );
      const operations: AnyBulkWriteOperation<BucketDocument>[] = [];
      const tried: BucketDelta[] = [];
      for (const delta of left) {
        const current = found.get(bucketId(delta.key));
        if ((current?.marks[writer] ?? 0) >= seq) {
          continue;
        }
        const next = applyDelta(current, delta, writer, seq);
        tried.push(delta);
        operations.push(
          current === undefined
            ? { insertOne: { document: next } }
            : { replaceOne: { filter: { _id: current._id, rev: current.rev }, replacement: next } },
        );
      }
      const written = await this.writeExpectingConflicts(operations);
      left = written === operations.length ? [] : tried;
    }
  }

  /** Runs the writes and returns how many took effect; a lost race (duplicate insert, changed rev) is no error. */
  private async writeExpectingConflicts(operations: AnyBulkWriteOperation<BucketDocument>[]): Promise<number> {
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

import type { AnyBulkWriteOperation, Collection, Filter } from 'mongodb';
import type { Connection } from 'mongoose';
import { atFailpoint } from '@mmt/config';
import { bulkWriteInChunks, findIn, isDuplicateKeyError } from '@mmt/store';
import {
  addTotals,
  bucketId,
  dayKey,
  emptyTotals,
  type BucketDelta,
  type BucketKey,
  type MetricsTotals,
  type MetricTotals,
} from './bucket-deltas';
import type { CorridorOrUnknown, Fact, Metric } from './journey-facts';
import type { IndexOwner } from '@mmt/store';

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

/** What every statistics document carries besides its totals: its bucket, its kind, and how it was written. */
interface BucketBase extends BucketKey {
  readonly _id: string;
  /** A hub's bucket or a customs broker's: reads ask for one kind, so a port's report never reads its brokers'. */
  readonly kind: BucketKind;
  /** Raised by each write: a writer replaces the revision it read, or reads the document again. */
  readonly rev: number;
  /** Each writer's last change applied to this document. */
  readonly marks: Readonly<Record<string, number>>;
}

/** `stats_buckets`: a bucket's month totals, a few kilobytes, all that a month's report reads. */
export interface MonthBucket extends BucketBase {
  readonly metrics: MetricsTotals;
}

/** `stats_days`: the same bucket's totals of each day (same `_id`), by dayKey (`d01` … `d31`): for days and weeks. */
export interface DaysBucket extends BucketBase {
  readonly days: Readonly<Record<string, MetricsTotals>>;
}

export type BucketDocument = MonthBucket | DaysBucket;

/** Which totals a read wants: the months' own, or their days'. */
export type BucketPart = 'MONTH' | 'DAYS';
type PartDocument<P extends BucketPart> = P extends 'MONTH' ? MonthBucket : DaysBucket;

/** The buckets a read asks for: a hub's (or a port's brokers') or a corridor's, in some months. */
export type BucketWhere =
  | { readonly locode: string; readonly kind: BucketKind }
  | { readonly corridor: CorridorOrUnknown; readonly kind: 'HUB' };

const MAX_ATTEMPTS = 50;

export type BucketKind = 'HUB' | 'BROKER';
const kindOf = (key: BucketKey): BucketKind => (key.broker === undefined ? 'HUB' : 'BROKER');

/** One document's change: the document after it, from the one read (undefined if there is none yet). */
interface DocumentChange<T extends BucketBase> {
  readonly _id: string;
  readonly next: (current: T | undefined) => T;
}

/**
 * A read of some metrics only: the bucket's key and, of its totals, those metrics (of these days, for the DAYS
 * part): a port's report then carries a few hundred bytes a bucket instead of every metric's sketches.
 */
function totalsProjection(
  part: BucketPart,
  metrics: readonly Metric[],
  days: readonly string[] = [],
): Record<string, 1> {
  const paths =
    part === 'MONTH'
      ? metrics.map((metric) => `metrics.${metric}`)
      : days.flatMap((day) => metrics.map((metric) => `days.${dayKey(day)}.${metric}`));
  const key = ['month', 'corridor', 'locode', 'direction', 'broker', 'brokerName', 'kind'];
  return Object.fromEntries([...key, ...paths].map((path) => [path, 1]));
}

export class StatisticsRepository implements IndexOwner {
  readonly months: Collection<MonthBucket>;
  readonly days: Collection<DaysBucket>;
  readonly contributions: Collection<ContributionDocument>;
  readonly pending: Collection<PendingChange>;

  constructor(connection: Connection) {
    this.months = connection.collection<MonthBucket>('stats_buckets');
    this.days = connection.collection<DaysBucket>('stats_days');
    this.contributions = connection.collection<ContributionDocument>('stats_contributions');
    this.pending = connection.collection<PendingChange>('stats_pending');
  }

  /** A hub's buckets of a period, and a corridor's: each read is an index of exactly its equality fields. */
  async ensureIndexes(): Promise<void> {
    for (const collection of [this.months, this.days] as unknown as Collection<BucketBase>[]) {
      await collection.createIndex({ month: 1, locode: 1, kind: 1 });
      await collection.createIndex({ month: 1, corridor: 1, kind: 1 });
    }
    await this.contributions.createIndex({ containerNo: 1 });
  }

  /**
   * Statistics written before the month and day totals were kept apart hold their days inside `stats_buckets`,
   * where no read looks for them: such a store needs `npm run analytics:rebuild`.
   */
  async needsRebuild(): Promise<boolean> {
    return (
      (await this.months.findOne({ days: { $exists: true } } as Filter<MonthBucket>, { projection: { _id: 1 } })) !==
      null
    );
  }

  contributionsOf(containerNos: readonly string[]): Promise<ContributionDocument[]> {
    return findIn(this.contributions, 'containerNo', containerNos);
  }

  /**
   * The buckets of these months that `where` asks for, with their month totals or their days' (one query per
   * month: the store uses an index for equality only).
   */
  async bucketsOf<P extends BucketPart>(
    part: P,
    months: readonly string[],
    where: BucketWhere,
    only?: { readonly metrics: readonly Metric[]; readonly days?: readonly string[] },
  ): Promise<PartDocument<P>[]> {
    const collection = (part === 'MONTH' ? this.months : this.days) as unknown as Collection<BucketBase>;
    const projection = only === undefined ? { marks: 0 } : totalsProjection(part, only.metrics, only.days);
    const read = (month: string) =>
      collection.find({ month, ...where }, { projection }).toArray() as Promise<PartDocument<P>[]>;
    return (await Promise.all(months.map(read))).flat();
  }

  /**
   * The day keys (`d01` … `d31`) of a month on which any bucket counted something, in order: one read of the
   * month's day totals, by the index's `month` prefix.
   */
  async daysCountedIn(month: string): Promise<string[]> {
    const buckets = await this.days.find({ month }, { projection: { days: 1 } }).toArray();
    const counted = buckets.flatMap((bucket) =>
      Object.entries(bucket.days ?? {})
        .filter(([, totals]) => Object.keys(totals).length > 0)
        .map(([day]) => day),
    );
    return [...new Set(counted)].sort();
  }

  /** Every bucket, month totals and days: for tests and exports. */
  async all(): Promise<{ months: MonthBucket[]; days: DaysBucket[] }> {
    const [months, days] = await Promise.all([this.months.find({}).toArray(), this.days.find({}).toArray()]);
    return { months, days };
  }

  async pendingOf(writer: string): Promise<PendingChange | undefined> {
    return (await this.pending.findOne({ _id: writer })) ?? undefined;
  }

  /** Records a change, then carries it out. */
  async commit(change: Omit<PendingChange, 'seq' | 'done'>, previousSeq: number): Promise<PendingChange> {
    const pending: PendingChange = { ...change, seq: previousSeq + 1, done: false };
    await atFailpoint('analytics.writePending', () => this.claim(pending));
    await this.carryOut(pending);
    return pending;
  }

  /** Writes the contributions and applies the deltas; safe to run again after a crash at any point. */
  async carryOut(pending: PendingChange): Promise<void> {
    await atFailpoint('analytics.saveContributions', () =>
      bulkWriteInChunks(this.contributions, [
        ...pending.contributions.map((doc): AnyBulkWriteOperation<ContributionDocument> => ({
          replaceOne: { filter: { _id: doc._id }, replacement: doc, upsert: true },
        })),
        ...pending.removedJourneyIds.map((id): AnyBulkWriteOperation<ContributionDocument> => ({
          deleteOne: { filter: { _id: id } },
        })),
      ]),
    );
    await this.applyDeltas(pending._id, pending.seq, pending.deltas);
    await atFailpoint('analytics.finishPending', () =>
      this.pending.updateOne({ _id: pending._id, seq: pending.seq }, { $set: { done: true } }),
    );
  }

  /**
   * Applies the deltas to the buckets' month totals and to their days. Both writes end before a failure of
   * either is thrown: a failed batch's retry must not race writes of the try it replaces.
   */
  protected async applyDeltas(writer: string, seq: number, deltas: readonly BucketDelta[]): Promise<void> {
    const results = await Promise.allSettled([
      applyOnce(this.months, 'analytics.applyBuckets', writer, seq, deltas.filter(hasMetrics).map(monthChange)),
      applyOnce(this.days, 'analytics.applyDays', writer, seq, deltas.filter(hasDays).map(daysChange)),
    ]);
    const failed = results.find((result) => result.status === 'rejected');
    if (failed !== undefined) {
      throw failed.reason;
    }
  }

  /**
   * Stores a writer's next change, only if its stored change is still the one this follows, carried out: the
   * buckets' marks name a change by its `seq` alone, so a `seq` must never be written twice with different
   * content. Within one process that holds by construction (a change not done is carried out before the next);
   * two processes holding the same partition for a moment (one whose long batch outlived a rebalance) would
   * both write `seq` n+1, and the buckets one of them marked would skip the other's deltas. Here the second
   * fails instead, and its retry carries out the first one's change before computing its own.
   */
  private async claim(pending: PendingChange): Promise<void> {
    if (pending.seq === 1) {
      await this.pending.insertOne(pending);
      return;
    }
    const follows = { _id: pending._id, seq: pending.seq - 1, done: true };
    if ((await this.pending.replaceOne(follows, pending)).matchedCount !== 1) {
      throw new Error(
        `stats_pending ${pending._id}: change ${pending.seq - 1} is no longer the last one carried out; another process writes as the same writer`,
      );
    }
  }

  async deleteAll(): Promise<void> {
    await Promise.all([
      this.months.deleteMany({}),
      this.days.deleteMany({}),
      this.contributions.deleteMany({}),
      this.pending.deleteMany({}),
    ]);
  }
}

/**
 * Applies each change to its document once: a document whose mark for `writer` has reached `seq` has it
 * already. Each document is read, changed in memory and replaced whole, expecting the revision it read: several
 * writers share buckets, and a writer that lost a race reads the document again. (A `$inc` of every changed
 * count would need no revision, but the embedded store checks an update's paths against each other: 50 paths
 * cost 80 ms, 800 paths 560 ms, where replacing the whole document costs a few milliseconds.)
 */
async function applyOnce<T extends BucketBase>(
  collection: Collection<T>,
  step: string,
  writer: string,
  seq: number,
  changes: readonly DocumentChange<T>[],
): Promise<void> {
  const documents = collection as unknown as Collection<BucketBase>;
  let left = changes;
  for (let attempt = 1; left.length > 0; attempt += 1) {
    if (attempt > MAX_ATTEMPTS) {
      throw new Error(`${left.length} statistics buckets still changed by other writers after ${MAX_ATTEMPTS} tries`);
    }
    const read = await findIn(
      documents,
      '_id',
      left.map((change) => change._id),
    );
    const found = new Map(read.map((doc) => [doc._id, doc as T]));
    const tried: DocumentChange<T>[] = [];
    const operations: AnyBulkWriteOperation<BucketBase>[] = [];
    for (const change of left) {
      const current = found.get(change._id);
      if ((current?.marks[writer] ?? 0) >= seq) {
        continue;
      }
      const next: BucketBase = {
        ...change.next(current),
        rev: (current?.rev ?? 0) + 1,
        marks: { ...current?.marks, [writer]: seq },
      };
      tried.push(change);
      operations.push(
        current === undefined
          ? { insertOne: { document: next } }
          : { replaceOne: { filter: { _id: current._id, rev: current.rev }, replacement: next } },
      );
    }
    left = (await writeCounting(documents, step, operations)) === operations.length ? [] : tried;
  }
}

/** How many of the writes took effect; a lost race (a duplicate insert, a changed revision) is not an error. */
async function writeCounting(
  collection: Collection<BucketBase>,
  step: string,
  operations: AnyBulkWriteOperation<BucketBase>[],
): Promise<number> {
  if (operations.length === 0) {
    return 0;
  }
  try {
    const counts = await atFailpoint(step, () => bulkWriteInChunks(collection, operations));
    return counts.inserted + counts.matched;
  } catch (error) {
    const writeErrors = (error as { writeErrors?: unknown[] }).writeErrors ?? [];
    if (isDuplicateKeyError(error) && writeErrors.every(isDuplicateKeyError)) {
      return -1;
    }
    throw error;
  }
}

const hasMetrics = (delta: BucketDelta) => Object.keys(delta.metrics).length > 0;
const hasDays = (delta: BucketDelta) => Object.keys(delta.days).length > 0;

/** A bucket document's fields other than its totals and write marks (set by applyOnce). */
const baseOf = (key: BucketKey) => ({ ...key, _id: bucketId(key), kind: kindOf(key), rev: 0, marks: {} });

/** The month totals after a delta: its totals added, metrics back at zero dropped. */
const monthChange = (delta: BucketDelta): DocumentChange<MonthBucket> => ({
  _id: bucketId(delta.key),
  next: (current) => ({ ...baseOf(delta.key), metrics: addedUp(current?.metrics, delta.metrics) }),
});

/** The days after a delta: each changed day's totals added, metrics back at zero dropped. */
const daysChange = (delta: BucketDelta): DocumentChange<DaysBucket> => ({
  _id: bucketId(delta.key),
  next: (current) => {
    const days: Record<string, MetricsTotals> = { ...current?.days };
    for (const [day, change] of Object.entries(delta.days)) {
      days[day] = addedUp(days[day], change);
    }
    return { ...baseOf(delta.key), days };
  },
});

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

import type {
  AnyBulkWriteOperation,
  Collection,
  Document,
  Filter,
  OptionalUnlessRequiredId,
  WithId,
  WithoutId,
} from 'mongodb';
import { isDuplicateKeyError } from './connect';

/** A document whose `_id` the platform chooses: an event id, a journey id, a key hash. */
export interface StringIdDocument {
  _id: string;
}

/**
 * Most write statements sent in one command. The embedded store (SecantusDB) runs each update statement in a
 * transaction of its own, so a command's cost grows with its statements; 100 a command measured as fast as
 * 500 there, keeps each command short, and is far below MongoDB's own limit of 100,000.
 */
export const MAX_UPDATES_PER_COMMAND = 100;

/**
 * Most values in one `$in`. SecantusDB re-checks each document it finds against the whole `$in` list, so a
 * query's cost grows with the square of the list (500 ids: 1 ms a document; 25 ids: 0.2 ms). Long lists go
 * in several queries.
 */
export const MAX_IN_VALUES = 25;

export interface BulkWriteCounts {
  inserted: number;
  upserted: number;
  matched: number;
  modified: number;
}

/** Sends `operations` in commands of at most MAX_UPDATES_PER_COMMAND, one after another, unordered within each. */
export async function bulkWriteInChunks<T extends StringIdDocument>(
  collection: Collection<T>,
  operations: readonly AnyBulkWriteOperation<T>[],
): Promise<BulkWriteCounts> {
  const counts: BulkWriteCounts = { inserted: 0, upserted: 0, matched: 0, modified: 0 };
  for (let start = 0; start < operations.length; start += MAX_UPDATES_PER_COMMAND) {
    const result = await collection.bulkWrite(operations.slice(start, start + MAX_UPDATES_PER_COMMAND), {
      ordered: false,
    });
    counts.inserted += result.insertedCount;
    counts.upserted += result.upsertedCount;
    counts.matched += result.matchedCount;
    counts.modified += result.modifiedCount;
  }
  return counts;
}

/** Replaces each document by its `_id`, inserting those that do not exist yet. */
export function upsertAllById<T extends StringIdDocument>(
  collection: Collection<T>,
  documents: readonly T[],
): Promise<BulkWriteCounts> {
  return bulkWriteInChunks(
    collection,
    documents.map((document) => ({
      replaceOne: { filter: { _id: document._id } as Filter<T>, replacement: document as WithoutId<T>, upsert: true },
    })),
  );
}

/** The documents whose `field` is one of `values`, in queries of at most MAX_IN_VALUES values each. */
export async function findIn<T extends Document>(
  collection: Collection<T>,
  field: string,
  values: readonly unknown[],
  projection?: Document,
): Promise<WithId<T>[]> {
  const found: WithId<T>[] = [];
  for (let start = 0; start < values.length; start += MAX_IN_VALUES) {
    const filter = { [field]: { $in: values.slice(start, start + MAX_IN_VALUES) } } as Filter<T>;
    found.push(...(await collection.find(filter, { projection }).toArray()));
  }
  return found;
}

/**
 * Most documents in one insert command. The embedded store runs a command as one transaction under its global
 * lock, so a backlog batch's thousands of journeys in one command would stop every other client meanwhile.
 */
export const MAX_INSERTS_PER_COMMAND = 500;

/**
 * Inserts the documents whose `_id` is not taken yet and returns those it inserted: a known `_id` is a no-op,
 * as the append-only collections (event log, conveyance join) want. Any other write error is thrown.
 */
export async function insertNew<T extends StringIdDocument>(
  collection: Collection<T>,
  documents: readonly T[],
): Promise<T[]> {
  const inserted: T[] = [];
  for (let start = 0; start < documents.length; start += MAX_INSERTS_PER_COMMAND) {
    inserted.push(...(await insertChunk(collection, documents.slice(start, start + MAX_INSERTS_PER_COMMAND))));
  }
  return inserted;
}

async function insertChunk<T extends StringIdDocument>(collection: Collection<T>, documents: T[]): Promise<T[]> {
  try {
    await collection.insertMany(documents as OptionalUnlessRequiredId<T>[], { ordered: false });
    return documents;
  } catch (error) {
    const writeErrors = (error as { writeErrors?: { index: number }[] }).writeErrors ?? [];
    if (!(isDuplicateKeyError(error) && writeErrors.every((e) => isDuplicateKeyError(e)))) {
      throw error;
    }
    const taken = new Set(writeErrors.map((e) => e.index));
    return documents.filter((_, i) => !taken.has(i));
  }
}

/** Replaces (or inserts) the documents of `put` by their `_id` and deletes those of `removedIds`, in chunks. */
export async function putAndRemove<T extends StringIdDocument>(
  collection: Collection<T>,
  put: readonly T[],
  removedIds: readonly string[],
): Promise<void> {
  await bulkWriteInChunks(collection, [
    ...put.map((document) => ({
      replaceOne: { filter: { _id: document._id } as Filter<T>, replacement: document as WithoutId<T>, upsert: true },
    })),
    ...removedIds.map((id) => ({ deleteOne: { filter: { _id: id } as Filter<T> } })),
  ]);
}

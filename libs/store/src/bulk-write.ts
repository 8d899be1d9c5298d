import type { AnyBulkWriteOperation, Collection, Filter, WithoutId } from 'mongodb';

/** A document whose `_id` the platform chooses: an event id, a journey id, a key hash. */
export interface StringIdDocument {
  _id: string;
}

/**
 * Most update/replace statements sent in one command.
 *
 * FerretDB v1 on SQLite keeps a pooled SQL connection open for every update statement of a command until
 * the whole command ends, and its pool holds 100 connections: a bulk write of about 100 updates waits for
 * a connection that never frees, and the store hangs (seen with v1.24.2). Small commands, one at a time,
 * never get near the pool's size; MongoDB does not care either way.
 */
export const MAX_UPDATES_PER_COMMAND = 25;

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

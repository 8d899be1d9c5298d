import type { Document } from 'mongodb';
import type { Collection, Connection } from 'mongoose';
import type { IndexOwner } from './index-owner';

/** The keys of an index a repository's reads need, e.g. `{ containerNo: 1 }`. */
export type IndexKeys = Readonly<Record<string, 1 | -1>>;

/**
 * A repository of one collection: built on the store connection, it names its collection and the indexes its reads
 * need, and creates them. A repository that keeps several collections, or whose indexes need more (options,
 * dropping those of earlier releases), implements IndexOwner itself.
 */
export abstract class CollectionRepository<T extends Document> implements IndexOwner {
  readonly collection: Collection<T>;

  protected constructor(
    connection: Connection,
    name: string,
    private readonly indexes: readonly IndexKeys[],
  ) {
    this.collection = connection.collection<T>(name);
  }

  async ensureIndexes(): Promise<void> {
    for (const keys of this.indexes) {
      await this.collection.createIndex({ ...keys });
    }
  }
}

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

/**
 * A repository that keeps several collections: built on the store connection with each collection's name and the
 * indexes its reads need; `collection` hands one out, and ensureIndexes creates every index.
 */
export abstract class CollectionsRepository implements IndexOwner {
  protected constructor(
    private readonly connection: Connection,
    private readonly indexes: Readonly<Record<string, readonly IndexKeys[]>>,
  ) {}

  protected collection<T extends Document>(name: string): Collection<T> {
    return this.connection.collection<T>(name);
  }

  async ensureIndexes(): Promise<void> {
    for (const [name, indexes] of Object.entries(this.indexes)) {
      for (const keys of indexes) {
        await this.connection.collection(name).createIndex({ ...keys });
      }
    }
  }
}

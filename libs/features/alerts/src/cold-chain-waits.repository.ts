import type { Connection } from 'mongoose';
import { bulkWriteInChunks, CollectionRepository, findIn, putAndRemove } from '@mmt/store';
import type { StoredWait } from './cold-chain-waits';

/** `alert_cold_chain_waits`: the operations cold cargo still waits on, each due at its time limit. */
export class ColdChainWaitsRepository extends CollectionRepository<StoredWait> {
  constructor(connection: Connection) {
    // A batch's waits by container; the clock's sweep of the due waits not raised yet.
    super(connection, 'alert_cold_chain_waits', [{ containerNo: 1 }, { raised: 1, dueAt: 1 }]);
  }

  ofContainers(containerNos: readonly string[]): Promise<StoredWait[]> {
    return findIn(this.collection, 'containerNo', containerNos);
  }

  replace(put: readonly StoredWait[], removedIds: readonly string[]): Promise<void> {
    return putAndRemove(this.collection, put, removedIds);
  }

  /** Waits due by `now` that the clock has not raised yet, the earliest first. */
  due(now: Date, limit: number): Promise<StoredWait[]> {
    return this.collection
      .find({ raised: false, dueAt: { $lte: now } })
      .sort({ dueAt: 1 })
      .limit(limit)
      .toArray();
  }

  async markRaised(ids: readonly string[]): Promise<void> {
    await bulkWriteInChunks(
      this.collection,
      ids.map((id) => ({ updateOne: { filter: { _id: id }, update: { $set: { raised: true } } } })),
    );
  }

  async deleteAll(): Promise<void> {
    await this.collection.deleteMany({});
  }
}

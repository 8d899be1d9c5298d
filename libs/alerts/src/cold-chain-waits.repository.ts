import type { Collection, Connection } from 'mongoose';
import { bulkWriteInChunks, findIn, putAndRemove, type IndexOwner } from '@mmt/store';
import type { StoredWait } from './cold-chain-waits';

/** `alert_cold_chain_waits`: the operations cold cargo still waits on, each due at its time limit. */
export class ColdChainWaitsRepository implements IndexOwner {
  private readonly waits: Collection<StoredWait>;

  constructor(connection: Connection) {
    this.waits = connection.collection<StoredWait>('alert_cold_chain_waits');
  }

  async ensureIndexes(): Promise<void> {
    await this.waits.createIndex({ containerNo: 1 });
    await this.waits.createIndex({ raised: 1, dueAt: 1 });
  }

  ofContainers(containerNos: readonly string[]): Promise<StoredWait[]> {
    return findIn(this.waits, 'containerNo', containerNos);
  }

  replace(put: readonly StoredWait[], removedIds: readonly string[]): Promise<void> {
    return putAndRemove(this.waits, put, removedIds);
  }

  /** Waits due by `now` that the clock has not raised yet, the earliest first. */
  due(now: Date, limit: number): Promise<StoredWait[]> {
    return this.waits
      .find({ raised: false, dueAt: { $lte: now } })
      .sort({ dueAt: 1 })
      .limit(limit)
      .toArray();
  }

  async markRaised(ids: readonly string[]): Promise<void> {
    await bulkWriteInChunks(
      this.waits,
      ids.map((id) => ({ updateOne: { filter: { _id: id }, update: { $set: { raised: true } } } })),
    );
  }

  async deleteAll(): Promise<void> {
    await this.waits.deleteMany({});
  }
}

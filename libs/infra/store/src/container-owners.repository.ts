import type { Connection } from 'mongoose';
import { CollectionRepository } from './collection-repository';
import { ownerCode } from './journey-document';

interface OwnerDirectory {
  _id: string;
  codes: string[];
}

const DIRECTORY_ID = 'journeys';

/**
 * `container_owners`: one document listing every owner code (the first four letters of a container number)
 * that a journey was stored under. Journey lists read the store in windows of container numbers, and the
 * directory lets those windows step from one owner's numbers to the next instead of through the empty space
 * between owner codes. It only grows; an owner missing from it makes a list read slower, never wrong.
 */
export class ContainerOwnersRepository extends CollectionRepository<OwnerDirectory> {
  /** Owner codes this process has already written: the directory is written once per owner, not per batch. */
  private readonly recorded = new Set<string>();

  constructor(connection: Connection) {
    // None but `_id`: the directory is one document, read by its id.
    super(connection, 'container_owners', []);
  }

  /** Adds the owners of these containers; one atomic statement, and none when all are known already. */
  async record(containerNos: readonly string[]): Promise<void> {
    const fresh = [...new Set(containerNos.map(ownerCode))].filter((code) => !this.recorded.has(code));
    if (fresh.length === 0) {
      return;
    }
    await this.collection.updateOne(
      { _id: DIRECTORY_ID },
      { $addToSet: { codes: { $each: fresh } } },
      { upsert: true },
    );
    fresh.forEach((code) => this.recorded.add(code));
  }

  /** Every recorded owner code, sorted. */
  async all(): Promise<string[]> {
    const directory = await this.collection.findOne({ _id: DIRECTORY_ID });
    return [...(directory?.codes ?? [])].sort();
  }
}

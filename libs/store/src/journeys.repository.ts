import type { Collection, Connection } from 'mongoose';
import type { Journey } from '@mmt/contracts';
import { bulkWriteInChunks, findIn, upsertAllById } from './bulk-write';

export type StoredJourney = Journey & { _id: string };

export interface StoredVersion {
  readonly version: string;
  readonly eventIds: ReadonlySet<string>;
}

/** `journeys`: the folded view, `_id` = journeyId. Written only by the projector. */
export class JourneysRepository {
  private readonly collection: Collection<StoredJourney>;

  constructor(connection: Connection) {
    this.collection = connection.collection<StoredJourney>('journeys');
  }

  async ensureIndexes(): Promise<void> {
    // A container's journeys: the projector's read of what it stored before, and journey by container.
    await this.collection.createIndex({ containerNo: 1 });
  }

  /** The stored journeys of each container: their versions and event ids, for the projector to compare with. */
  async storedOf(containerNos: readonly string[]): Promise<Map<string, Map<string, StoredVersion>>> {
    const found = await findIn(this.collection, 'containerNo', containerNos, { containerNo: 1, version: 1, eventIds: 1 });
    const stored = new Map<string, Map<string, StoredVersion>>(containerNos.map((no) => [no, new Map()]));
    for (const journey of found) {
      stored.get(journey.containerNo)!.set(journey._id, { version: journey.version, eventIds: new Set(journey.eventIds) });
    }
    return stored;
  }

  async saveAll(journeys: readonly Journey[]): Promise<void> {
    await upsertAllById(
      this.collection,
      journeys.map((journey) => ({ _id: journey.journeyId, ...journey })),
    );
  }

  async deleteIds(journeyIds: readonly string[]): Promise<void> {
    await bulkWriteInChunks(
      this.collection,
      journeyIds.map((id) => ({ deleteOne: { filter: { _id: id } } })),
    );
  }

  async findById(journeyId: string): Promise<Journey | undefined> {
    const found = await this.collection.findOne({ _id: journeyId }, { projection: { _id: 0 } });
    return found ?? undefined;
  }

  /** Every journey, by id: for tests, rebuild checks and exports. */
  async all(): Promise<Journey[]> {
    return this.collection
      .find({}, { projection: { _id: 0 } })
      .sort({ _id: 1 })
      .toArray();
  }

  async deleteAll(): Promise<void> {
    await this.collection.deleteMany({});
  }
}

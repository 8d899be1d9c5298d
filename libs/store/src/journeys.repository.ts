import type { Collection, Connection } from 'mongoose';
import type { Journey } from '@mmt/contracts';
import { bulkWriteInChunks, findIn, upsertAllById } from './bulk-write';
import { ContainerOwnersRepository } from './container-owners.repository';
import { JOURNEY_PROJECTION, journeyDocument, type JourneyDocument } from './journey-document';

export type StoredJourney = Journey & { _id: string };

export interface StoredVersion {
  readonly version: string;
  readonly eventIds: ReadonlySet<string>;
}

/** `journeys`: the folded view, `_id` = journeyId. Written only by the projector. */
export class JourneysRepository {
  private readonly collection: Collection<JourneyDocument>;
  private readonly owners: ContainerOwnersRepository;

  constructor(connection: Connection) {
    this.collection = connection.collection<JourneyDocument>('journeys');
    this.owners = new ContainerOwnersRepository(connection);
  }

  /**
   * The store plans a query on one index whose fields are exactly the query's equality fields followed by at
   * most one range field (SecantusDB; MongoDB is more flexible), so each read path has an index of that shape.
   * Journey lists read windows of container numbers (`containerNo` range) under one equality filter.
   */
  async ensureIndexes(): Promise<void> {
    // A container's journeys: the projector's read of what it stored before, journey by container, and the
    // windows of an unfiltered list.
    await this.collection.createIndex({ containerNo: 1 });
    await this.collection.createIndex({ 'documents.ref': 1 });
    await this.collection.createIndex({ 'derived.conveyanceKeys': 1 });
    // List windows: a SHIPPER's or PARTNER's scope, a current place, corridor and status, delayed only.
    await this.collection.createIndex({ orgIds: 1, containerNo: 1 });
    await this.collection.createIndex({ 'currentPlace.locode': 1, containerNo: 1 });
    await this.collection.createIndex({ corridor: 1, status: 1, containerNo: 1 });
    await this.collection.createIndex({ corridor: 1, containerNo: 1 });
    await this.collection.createIndex({ status: 1, containerNo: 1 });
    await this.collection.createIndex(
      { 'derived.delayed': 1, containerNo: 1 },
      { partialFilterExpression: { 'derived.delayed': true } },
    );
  }

  /** The stored journeys of each container: their versions and event ids, for the projector to compare with. */
  async storedOf(containerNos: readonly string[]): Promise<Map<string, Map<string, StoredVersion>>> {
    const found = await findIn(this.collection, 'containerNo', containerNos, {
      containerNo: 1,
      version: 1,
      eventIds: 1,
    });
    const stored = new Map<string, Map<string, StoredVersion>>(containerNos.map((no) => [no, new Map()]));
    for (const journey of found) {
      stored
        .get(journey.containerNo)!
        .set(journey._id, { version: journey.version, eventIds: new Set(journey.eventIds) });
    }
    return stored;
  }

  /** Writes the journeys with their derived fields; their owners go into the directory first. */
  async saveAll(journeys: readonly Journey[]): Promise<void> {
    await this.owners.record(journeys.map((journey) => journey.containerNo));
    await upsertAllById(this.collection, journeys.map(journeyDocument));
  }

  async deleteIds(journeyIds: readonly string[]): Promise<void> {
    await bulkWriteInChunks(
      this.collection,
      journeyIds.map((id) => ({ deleteOne: { filter: { _id: id } } })),
    );
  }

  async findById(journeyId: string): Promise<Journey | undefined> {
    const found = await this.collection.findOne({ _id: journeyId }, { projection: JOURNEY_PROJECTION });
    return found ?? undefined;
  }

  /** Every journey, by id: for tests, rebuild checks and exports. */
  async all(): Promise<Journey[]> {
    return this.collection.find({}, { projection: JOURNEY_PROJECTION }).sort({ _id: 1 }).toArray();
  }

  async deleteAll(): Promise<void> {
    await this.collection.deleteMany({});
  }
}

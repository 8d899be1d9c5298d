import type { Collection, Connection } from 'mongoose';
import type { Journey, JourneyStatus } from '@mmt/contracts';
import { bulkWriteInChunks, findIn, insertNew, upsertAllById } from './bulk-write';
import { ContainerOwnersRepository } from './container-owners.repository';
import {
  JOURNEY_PROJECTION,
  journeyDocument,
  listedProjection,
  type JourneyDocument,
  type ListedJourney,
} from './journey-document';
import type { IndexOwner } from './index-owner';

/** A catch handler that turns the store error with this code into `value` and rethrows any other. */
function ignoreCode<T>(code: number, value: T): (error: unknown) => T {
  return (error) => {
    if ((error as { code?: unknown }).code === code) {
      return value;
    }
    throw error;
  };
}

export type StoredJourney = Journey & { _id: string };

/** Where one container on its way is, by its most recent unfinished journey. */
export interface Whereabout {
  readonly status: JourneyStatus;
  readonly locode?: string;
  readonly corridor?: string;
  /** That journey's newest actual event (lastActualEventAt), in ms. */
  readonly lastEventMs: number;
}

export interface Whereabouts {
  /** The newest actual event of any journey, in ms; undefined without journeys. */
  readonly newestEventMs?: number;
  readonly onTheWay: readonly Whereabout[];
}

/** Statuses of a container still on its way; ARRIVED, COMPLETED and CANCELLED journeys have ended. */
const ON_THE_WAY: readonly JourneyStatus[] = ['AT_ORIGIN', 'IN_TRANSIT', 'AT_HUB'];
const READ = { projection: JOURNEY_PROJECTION } as const;

export interface StoredVersion {
  readonly version: string;
  readonly eventIds: ReadonlySet<string>;
}

/** `journeys`: the folded view, `_id` = journeyId. Written only by the projector. */
export class JourneysRepository implements IndexOwner {
  private readonly collection: Collection<JourneyDocument>;
  private readonly owners: ContainerOwnersRepository;

  constructor(connection: Connection) {
    this.collection = connection.collection<JourneyDocument>('journeys');
    this.owners = new ContainerOwnersRepository(connection);
  }

  /**
   * The store plans a query on one index whose fields are exactly the query's equality fields followed by at
   * most one range field (SecantusDB; MongoDB is more flexible), so each read path has an index of that shape.
   * Journey lists read windows of container numbers (`containerNo` range) under one list key. Each index costs
   * every journey write (about 0.4 ms on the embedded store), so there are these four and no others: an index
   * left from an earlier release is dropped.
   */
  async ensureIndexes(): Promise<void> {
    const wanted: Record<string, 1>[] = [
      // A container's journeys: the projector's read of what it stored before, journey by container, and the
      // windows of an unfiltered list.
      { containerNo: 1 },
      { 'documents.ref': 1 },
      { 'derived.conveyanceKeys': 1 },
      // List windows under a SHIPPER's or PARTNER's scope, a place, corridor, status or delayed only.
      { 'derived.listKeys': 1, containerNo: 1 },
    ];
    const names = new Set(['_id_', ...wanted.map((spec) => Object.entries(spec).flat().join('_'))]);
    // Codes 26 and 27: no collection yet, an index another process (gateway, projector) dropped first.
    const existing = await this.collection.listIndexes().toArray().catch(ignoreCode(26, []));
    for (const { name } of existing as { name: string }[]) {
      if (!names.has(name)) {
        await this.collection.dropIndex(name).catch(ignoreCode(27, undefined));
      }
    }
    for (const spec of wanted) {
      await this.collection.createIndex(spec);
    }
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

  /**
   * Writes the journeys with their derived fields; their owners go into the directory first. The journeys in
   * `firstVersions` were never stored before and are inserted, which costs the embedded store about a third
   * of a replace; one that was stored meanwhile (by a replay or another projector) is replaced instead.
   */
  async saveAll(journeys: readonly Journey[], firstVersions: ReadonlySet<string> = new Set()): Promise<void> {
    await this.owners.record(journeys.map((journey) => journey.containerNo));
    const documents = journeys.map(journeyDocument);
    const inserted = new Set(
      (
        await insertNew(
          this.collection,
          documents.filter((d) => firstVersions.has(d._id)),
        )
      ).map((d) => d._id),
    );
    await upsertAllById(
      this.collection,
      documents.filter((d) => !inserted.has(d._id)),
    );
  }

  async deleteIds(journeyIds: readonly string[]): Promise<void> {
    await bulkWriteInChunks(
      this.collection,
      journeyIds.map((id) => ({ deleteOne: { filter: { _id: id } } })),
    );
  }

  /** Every stored journey of these containers. */
  async ofContainers(containerNos: readonly string[]): Promise<Journey[]> {
    return findIn(this.collection, 'containerNo', containerNos, JOURNEY_PROJECTION);
  }

  /** Every stored journey id, in order, without the journeys: for audits. */
  async *ids(): AsyncGenerator<string> {
    for await (const { _id } of this.collection.find({}, { projection: { _id: 1 } }).sort({ _id: 1 })) {
      yield _id;
    }
  }

  /** The stored journeys of one container: a lookup, or a timeline's visibility check. */
  ofContainer(containerNo: string): Promise<Journey[]> {
    return this.collection.find({ containerNo }, READ).toArray();
  }

  /**
   * The journeys that hold a document with this reference, of any type (the caller checks the type), by id: with
   * the `fields` asked for and the LISTED_FIELDS (every field when `fields` is undefined).
   */
  withDocumentRef(ref: string, fields?: readonly (keyof Journey)[]): Promise<ListedJourney[]> {
    return this.collection
      .find({ 'documents.ref': ref }, { projection: listedProjection(fields) })
      .sort({ _id: 1 })
      .toArray();
  }

  /** The journeys with a leg on this conveyance (conveyanceKey), by id, with `fields` as withDocumentRef. */
  onConveyance(conveyanceKey: string, fields?: readonly (keyof Journey)[]): Promise<ListedJourney[]> {
    return this.collection
      .find({ 'derived.conveyanceKeys': conveyanceKey }, { projection: listedProjection(fields) })
      .sort({ _id: 1 })
      .toArray();
  }

  /** Up to `limit` journeys after `afterId` in id order: a whole-collection pass in steps of flat memory. */
  idsAfter(afterId: string, limit: number): Promise<Journey[]> {
    return this.collection
      .find({ _id: { $gt: afterId } }, READ)
      .sort({ _id: 1 })
      .limit(limit)
      .toArray();
  }

  /**
   * Where the containers of unfinished journeys are (on their way: AT_ORIGIN, IN_TRANSIT, AT_HUB), each container's
   * most recent such journey once, and the newest event of any journey. One pass over every journey, reading only
   * these fields.
   */
  async whereabouts(): Promise<Whereabouts> {
    const latestByContainer = new Map<string, Whereabout>();
    let newestEventMs: number | undefined;
    const cursor = this.collection.find(
      {},
      {
        projection: {
          _id: 0,
          containerNo: 1,
          status: 1,
          'currentPlace.locode': 1,
          corridor: 1,
          lastActualEventAt: 1,
          lastEventAt: 1,
        },
      },
    );
    for await (const journey of cursor) {
      // Journeys folded before lastActualEventAt existed have only lastEventAt, which may be a plan's time.
      const lastEventMs = Date.parse(journey.lastActualEventAt ?? journey.lastEventAt ?? '');
      if (Number.isNaN(lastEventMs)) {
        continue;
      }
      newestEventMs = Math.max(newestEventMs ?? lastEventMs, lastEventMs);
      const known = latestByContainer.get(journey.containerNo);
      if (ON_THE_WAY.includes(journey.status) && (known === undefined || known.lastEventMs < lastEventMs)) {
        latestByContainer.set(journey.containerNo, {
          status: journey.status,
          ...(journey.currentPlace ? { locode: journey.currentPlace.locode } : {}),
          ...(journey.corridor ? { corridor: journey.corridor } : {}),
          lastEventMs,
        });
      }
    }
    return { newestEventMs, onTheWay: [...latestByContainer.values()] };
  }

  /** How many journeys are stored. */
  count(): Promise<number> {
    return this.collection.countDocuments();
  }

  async findById(journeyId: string): Promise<Journey | undefined> {
    const found = await this.collection.findOne({ _id: journeyId }, READ);
    return found ?? undefined;
  }

  /** Every journey, by id: for tests, rebuild checks and exports. */
  async all(): Promise<Journey[]> {
    return this.collection.find({}, READ).sort({ _id: 1 }).toArray();
  }

  async deleteAll(): Promise<void> {
    await this.collection.deleteMany({});
  }
}

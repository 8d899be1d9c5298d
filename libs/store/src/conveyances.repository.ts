import type { Collection, Connection } from 'mongoose';
import type { DocumentRef, RawInTransit } from '@mmt/contracts';
import { findIn, insertNew } from './bulk-write';

/** A container put on a conveyance by a manifest or a loading event. Insert-only, so concurrent writers are safe. */
export interface ConveyanceMember {
  _id: string;
  conveyanceKey: string;
  containerNo: string;
  documents: DocumentRef[];
  /** The raw message that first put the container on the conveyance (topic/partition/offset); absent on older records. */
  rawRef?: string;
}

/** A conveyance-level in-transit report, kept so that containers joining the conveyance later still get it. */
export interface ConveyanceReport {
  _id: string;
  conveyanceKey: string;
  report: RawInTransit;
  rawRef: string;
  receivedAt: string;
}

/**
 * Inserts the documents and returns those seen for the first time: inserted now, or inserted before by the
 * same raw message (a batch redone after a crash, whose fan-out may never have been sent). A document that
 * another raw message wrote first is left out: its fan-out was that message's.
 */
async function insertFirstSeen<T extends { _id: string; rawRef?: string }>(
  collection: Collection<T>,
  documents: readonly T[],
): Promise<T[]> {
  const inserted = await insertNew(collection, documents);
  const insertedIds = new Set(inserted.map((d) => d._id));
  const taken = documents.filter((d) => !insertedIds.has(d._id));
  if (taken.length === 0) {
    return inserted;
  }
  const existing = await findIn(collection, '_id', [...new Set(taken.map((d) => d._id))], { rawRef: 1 });
  const firstRawRef = new Map(existing.map((e) => [String(e._id), e.rawRef]));
  const replayed = taken.filter((d) => d.rawRef !== undefined && firstRawRef.get(d._id) === d.rawRef);
  return [...inserted, ...new Map(replayed.map((d) => [d._id, d])).values()];
}

/**
 * The conveyance join's memory: who is on which train or vessel, and what was reported about it.
 * Index for MongoDB: `{ conveyanceKey: 1 }` on both collections, for the two finds below.
 */
export class ConveyancesRepository {
  private readonly members: Collection<ConveyanceMember>;
  private readonly reports: Collection<ConveyanceReport>;

  constructor(connection: Connection) {
    this.members = connection.collection<ConveyanceMember>('conveyance_members');
    this.reports = connection.collection<ConveyanceReport>('conveyance_reports');
  }

  async ensureIndexes(): Promise<void> {
    await this.members.createIndex({ conveyanceKey: 1 });
    await this.reports.createIndex({ conveyanceKey: 1 });
  }

  /** Records who is on which conveyance; returns the memberships that are new (see `insertFirstSeen`). */
  addMembers(members: readonly Omit<ConveyanceMember, '_id'>[]): Promise<ConveyanceMember[]> {
    return insertFirstSeen(
      this.members,
      members.map((m) => ({ _id: `${m.conveyanceKey}|${m.containerNo}`, ...m })),
    );
  }

  /** Keeps conveyance reports; returns those that are new (see `insertFirstSeen`). */
  addReports(reports: readonly ConveyanceReport[]): Promise<ConveyanceReport[]> {
    return insertFirstSeen(this.reports, reports);
  }

  membersOf(conveyanceKeys: readonly string[]): Promise<ConveyanceMember[]> {
    return findIn(this.members, 'conveyanceKey', conveyanceKeys);
  }

  reportsOn(conveyanceKeys: readonly string[]): Promise<ConveyanceReport[]> {
    return findIn(this.reports, 'conveyanceKey', conveyanceKeys);
  }
}

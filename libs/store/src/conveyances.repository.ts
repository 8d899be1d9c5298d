import type { Collection, Connection } from 'mongoose';
import type { DocumentRef, RawInTransit } from '@mmt/contracts';
import { findIn } from './bulk-write';
import { isDuplicateKeyError } from './connect';

/** A container put on a conveyance by a manifest or a loading event. Insert-only, so concurrent writers are safe. */
export interface ConveyanceMember {
  _id: string;
  conveyanceKey: string;
  containerNo: string;
  documents: DocumentRef[];
}

/** A conveyance-level in-transit report, kept so that containers joining the conveyance later still get it. */
export interface ConveyanceReport {
  _id: string;
  conveyanceKey: string;
  report: RawInTransit;
  rawRef: string;
  receivedAt: string;
}

async function insertIgnoringDuplicates<T extends { _id: string }>(collection: Collection<T>, docs: readonly T[]) {
  if (docs.length === 0) {
    return;
  }
  try {
    await collection.insertMany(docs as T[] as never[], { ordered: false });
  } catch (error) {
    const writeErrors = (error as { writeErrors?: unknown[] }).writeErrors ?? [];
    if (!(isDuplicateKeyError(error) && writeErrors.every((e) => isDuplicateKeyError(e)))) {
      throw error;
    }
  }
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

  addMembers(members: readonly Omit<ConveyanceMember, '_id'>[]): Promise<void> {
    return insertIgnoringDuplicates(
      this.members,
      members.map((m) => ({ _id: `${m.conveyanceKey}|${m.containerNo}`, ...m })),
    );
  }

  addReports(reports: readonly ConveyanceReport[]): Promise<void> {
    return insertIgnoringDuplicates(this.reports, reports);
  }

  membersOf(conveyanceKeys: readonly string[]): Promise<ConveyanceMember[]> {
    return findIn(this.members, 'conveyanceKey', conveyanceKeys);
  }

  reportsOn(conveyanceKeys: readonly string[]): Promise<ConveyanceReport[]> {
    return findIn(this.reports, 'conveyanceKey', conveyanceKeys);
  }
}

import type { Collection, Connection } from 'mongoose';
import type { DocumentRef, RawInTransit } from '@mmt/contracts';
import { bulkWriteInChunks, findIn, insertNew, MAX_UPDATES_PER_COMMAND } from './bulk-write';
import { isDuplicateKeyError } from './connect';
import { CollectionsRepository } from './collection-repository';

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
 * A manifest's list of containers for its conveyance, as its latest version (by sentAt) gives it: what the alerts
 * compare the containers loaded onto the conveyance with.
 */
export interface ConveyanceManifest {
  _id: string;
  conveyanceKey: string;
  manifestNo: string;
  sentAt: string;
  /** sentAt in milliseconds, which the write compares. */
  sentAtMs: number;
  containerNos: string[];
}

/**
 * Inserts the documents and returns those seen for the first time: inserted now, or inserted before by the
 * same raw message (a batch redone after a crash, whose fan-out may never have been sent). A document that
 * another raw message wrote first is left out: its fan-out was that message's.
 *
 * A batch names many documents more than once: every manifest listing a container, each version of it, and every
 * load onto a conveyance names a membership (in the ingest benchmark 290,000 memberships were named, 166,000
 * distinct within their batches). Only the first of each `_id` is sent, the one the store would keep: a later one
 * is no first sighting, and each failed insert costs the store a transaction and the batch a read-back.
 */
async function insertFirstSeen<T extends { _id: string; rawRef?: string }>(
  collection: Collection<T>,
  named: readonly T[],
): Promise<T[]> {
  const firsts = new Map<string, T>();
  for (const document of named) {
    if (!firsts.has(document._id)) {
      firsts.set(document._id, document);
    }
  }
  const documents = [...firsts.values()];
  const inserted = await insertNew(collection, documents);
  const insertedIds = new Set(inserted.map((d) => d._id));
  const taken = documents.filter((d) => !insertedIds.has(d._id));
  if (taken.length === 0) {
    return inserted;
  }
  const existing = await findIn(
    collection,
    '_id',
    taken.map((d) => d._id),
    { rawRef: 1 },
  );
  const storedRawRef = new Map(existing.map((e) => [String(e._id), e.rawRef]));
  // Any of the batch's mentions may be the one the store holds: one each.
  const replayed = new Map<string, T>();
  for (const document of named) {
    if (document.rawRef !== undefined && storedRawRef.get(document._id) === document.rawRef) {
      replayed.set(document._id, replayed.get(document._id) ?? document);
    }
  }
  return [...inserted, ...replayed.values()];
}

/**
 * The conveyance join's memory: who is on which train or vessel, what was reported about it, and what its
 * manifests list.
 */
export class ConveyancesRepository extends CollectionsRepository {
  private readonly members = this.collection<ConveyanceMember>('conveyance_members');
  private readonly reports = this.collection<ConveyanceReport>('conveyance_reports');
  private readonly manifests = this.collection<ConveyanceManifest>('conveyance_manifests');

  constructor(connection: Connection) {
    // Each is read by conveyance only.
    super(connection, {
      conveyance_members: [{ conveyanceKey: 1 }],
      conveyance_reports: [{ conveyanceKey: 1 }],
      conveyance_manifests: [{ conveyanceKey: 1 }],
    });
  }

  /**
   * Keeps each manifest's latest version: a version replaces the stored one only when it was sent later (an
   * older or equal version finds no document to replace, and its insert is refused as a duplicate). Sent one
   * command at a time, each checked on its own: a refused version makes its command throw, and the commands after
   * it must still go, or a batch redone after its first command was written (or any batch that repeats a known
   * version early on) would drop every manifest past that command.
   */
  async recordManifests(manifests: readonly ConveyanceManifest[]): Promise<void> {
    const latest = new Map<string, ConveyanceManifest>();
    for (const manifest of manifests) {
      const kept = latest.get(manifest._id);
      if (kept === undefined || kept.sentAtMs < manifest.sentAtMs) {
        latest.set(manifest._id, manifest);
      }
    }
    const operations = [...latest.values()].map((manifest) => ({
      replaceOne: {
        filter: { _id: manifest._id, sentAtMs: { $lt: manifest.sentAtMs } },
        replacement: manifest,
        upsert: true,
      },
    }));
    for (let start = 0; start < operations.length; start += MAX_UPDATES_PER_COMMAND) {
      try {
        await bulkWriteInChunks(this.manifests, operations.slice(start, start + MAX_UPDATES_PER_COMMAND));
      } catch (error) {
        const writeErrors = (error as { writeErrors?: unknown[] }).writeErrors ?? [];
        if (!(isDuplicateKeyError(error) && writeErrors.every((e) => isDuplicateKeyError(e)))) {
          throw error;
        }
      }
    }
  }

  manifestsOf(conveyanceKeys: readonly string[]): Promise<ConveyanceManifest[]> {
    return findIn(this.manifests, 'conveyanceKey', conveyanceKeys);
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

import type { Connection } from 'mongoose';
import type { EdiReply } from '@mmt/contracts';
import { CollectionRepository, findIn, insertNew } from '@mmt/store';

/**
 * An interchange the platform accepted: `_id` is its sender, recipient and control reference, the keys of its
 * deduplication. Kept with the answer it got, so that a resend gets the same one.
 */
export interface EdiInterchangeRecord {
  _id: string;
  /** SHA-256 of its bytes: a resend has the same; another interchange under a used reference does not. */
  sha256: string;
  /** Where it was received first: topic/partition/offset, or `http:<key id>`. A batch redone finds its own. */
  receivedFrom: string;
  receivedAt: string;
  reply: EdiReply;
}

/** `edi_interchanges`: the control references of the interchanges applied, insert-only. */
export class EdiInterchangesRepository extends CollectionRepository<EdiInterchangeRecord> {
  constructor(connection: Connection) {
    super(connection, 'edi_interchanges', []);
  }

  /**
   * Records the interchanges whose references are new, in as few commands as the store allows, and returns the
   * first record of every reference given: the one just written, or the one received before (also when the same
   * reference comes twice in `records`: the first of them is written).
   */
  async recordFirsts(records: readonly EdiInterchangeRecord[]): Promise<Map<string, EdiInterchangeRecord>> {
    const inserted = await insertNew(this.collection, records);
    const firsts = new Map(inserted.map((record) => [record._id, record]));
    const taken = [...new Set(records.map((r) => r._id).filter((id) => !firsts.has(id)))];
    for (const record of await findIn(this.collection, '_id', taken)) {
      firsts.set(record._id, record);
    }
    return firsts;
  }

  /**
   * Forgets what was recorded from `receivedFrom` (an HTTP request whose sends failed): the sender's retry is then
   * applied, not taken for a resend of what never reached the platform.
   */
  async forget(receivedFrom: string): Promise<void> {
    await this.collection.deleteMany({ receivedFrom });
  }
}

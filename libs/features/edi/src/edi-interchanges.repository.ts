import type { Connection } from 'mongoose';
import type { EdiReply } from '@mmt/contracts';
import { CollectionRepository, isDuplicateKeyError } from '@mmt/store';

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

  /** Records the interchange, or returns the record of the one received first under the same references. */
  async recordFirst(record: EdiInterchangeRecord): Promise<EdiInterchangeRecord | undefined> {
    try {
      await this.collection.insertOne(record);
      return undefined;
    } catch (error) {
      if (!isDuplicateKeyError(error)) {
        throw error;
      }
      const first = await this.collection.findOne({ _id: record._id });
      if (first === null) {
        throw new Error(`edi_interchanges: ${record._id} was a duplicate key, then not found`);
      }
      return first;
    }
  }

  /**
   * Forgets what was recorded from `receivedFrom` (an HTTP request whose sends failed): the sender's retry is then
   * applied, not taken for a resend of what never reached the platform.
   */
  async forget(receivedFrom: string): Promise<void> {
    await this.collection.deleteMany({ receivedFrom });
  }
}

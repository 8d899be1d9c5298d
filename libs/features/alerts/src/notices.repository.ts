import type { Filter } from 'mongodb';
import type { Connection } from 'mongoose';
import { bulkWriteInChunks, CollectionRepository, findIn, insertNew, orgKey } from '@mmt/store';
import { noticeDocument, type NoticeDocument } from './alert-documents';
import type { StoredNotice } from './journey-notices';

/** `notices`: the inspection notices the alerts service issued, each following its journey's id and parties. */
export class NoticesRepository extends CollectionRepository<NoticeDocument> {
  constructor(connection: Connection) {
    // The service reads a batch's notices by container; lists read by party.
    super(connection, 'notices', [{ containerNo: 1 }, { orgKeys: 1 }]);
  }

  noticesOfContainers(containerNos: readonly string[]): Promise<NoticeDocument[]> {
    return findIn(this.collection, 'containerNo', containerNos);
  }

  /** Inserts the notices whose id is not taken yet; returns those it inserted. */
  insertNotices(notices: readonly StoredNotice[]): Promise<NoticeDocument[]> {
    return insertNew(this.collection, notices.map(noticeDocument));
  }

  /**
   * Moves notices stored under the earlier id, `<journeyId>|<eventId>`, to their event's id, so that they are not
   * issued again under it (of two for one event, the first stays). Run at start; repeatable after a crash.
   */
  async renameEarlierNotices(): Promise<number> {
    const earlier = { _id: { $regex: '\\|' } };
    const notices = await this.collection.find(earlier).toArray();
    await insertNew(
      this.collection,
      notices.map((n) => ({ ...n, _id: n.eventId, noticeId: n.eventId })),
    );
    await this.collection.deleteMany(earlier);
    return notices.length;
  }

  /** Replaces issued notices whose journey changed (only the alerts service writes notices). */
  async replaceNotices(notices: readonly StoredNotice[]): Promise<void> {
    await bulkWriteInChunks(
      this.collection,
      notices.map((n) => {
        const { _id, ...replacement } = noticeDocument(n);
        return { replaceOne: { filter: { _id }, replacement } };
      }),
    );
  }

  /** Forgets the pending sends of each notice, if its latest is still the one that was sent. */
  async markNoticesSent(sent: readonly NoticeDocument[]): Promise<void> {
    await bulkWriteInChunks(
      this.collection,
      sent.map(({ _id, pending }) => ({
        updateOne: { filter: { _id, 'pending.since': pending?.at(-1)?.since }, update: { $unset: { pending: '' } } },
      })),
    );
  }

  listNotices(query: { orgId?: string; containerNo?: string; first: number }): Promise<NoticeDocument[]> {
    const filter: Filter<NoticeDocument> = {
      ...(query.orgId === undefined ? {} : { orgKeys: orgKey(query.orgId) }),
      ...(query.containerNo === undefined ? {} : { containerNo: query.containerNo }),
    };
    return this.collection.find(filter).sort({ coldChain: -1, at: -1, _id: 1 }).limit(query.first).toArray();
  }

  async deleteAll(): Promise<void> {
    await this.collection.deleteMany({});
  }
}

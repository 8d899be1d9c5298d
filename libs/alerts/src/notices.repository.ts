import type { Filter } from 'mongodb';
import type { Collection, Connection } from 'mongoose';
import { bulkWriteInChunks, findIn, insertNew, orgKey, type IndexOwner } from '@mmt/store';
import { noticeDocument, type NoticeDocument } from './alert-documents';
import type { StoredNotice } from './journey-notices';

/** `notices`: the inspection notices the alerts service issued, each following its journey's id and parties. */
export class NoticesRepository implements IndexOwner {
  readonly notices: Collection<NoticeDocument>;

  constructor(connection: Connection) {
    this.notices = connection.collection<NoticeDocument>('notices');
  }

  async ensureIndexes(): Promise<void> {
    // The service reads a batch's notices by container; lists read by party.
    await this.notices.createIndex({ containerNo: 1 });
    await this.notices.createIndex({ orgKeys: 1 });
  }

  noticesOfContainers(containerNos: readonly string[]): Promise<NoticeDocument[]> {
    return findIn(this.notices, 'containerNo', containerNos);
  }

  /** Inserts the notices whose id is not taken yet; returns those it inserted. */
  insertNotices(notices: readonly StoredNotice[]): Promise<NoticeDocument[]> {
    return insertNew(this.notices, notices.map(noticeDocument));
  }

  /**
   * Moves notices stored under the earlier id, `<journeyId>|<eventId>`, to their event's id, so that they are not
   * issued again under it (of two for one event, the first stays). Run at start; repeatable after a crash.
   */
  async renameEarlierNotices(): Promise<number> {
    const earlier = { _id: { $regex: '\\|' } };
    const notices = await this.notices.find(earlier).toArray();
    await insertNew(
      this.notices,
      notices.map((n) => ({ ...n, _id: n.eventId, noticeId: n.eventId })),
    );
    await this.notices.deleteMany(earlier);
    return notices.length;
  }

  /** Replaces issued notices whose journey changed (only the alerts service writes notices). */
  async replaceNotices(notices: readonly StoredNotice[]): Promise<void> {
    await bulkWriteInChunks(
      this.notices,
      notices.map((n) => {
        const { _id, ...replacement } = noticeDocument(n);
        return { replaceOne: { filter: { _id }, replacement } };
      }),
    );
  }

  /** Forgets the pending sends of each notice, if its latest is still the one that was sent. */
  async markNoticesSent(sent: readonly NoticeDocument[]): Promise<void> {
    await bulkWriteInChunks(
      this.notices,
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
    return this.notices.find(filter).sort({ coldChain: -1, at: -1, _id: 1 }).limit(query.first).toArray();
  }

  async deleteAll(): Promise<void> {
    await this.notices.deleteMany({});
  }
}

import { isDeepStrictEqual } from 'node:util';
import type { Journey, Notice, NoticeKind } from '@mmt/contracts';
import { orgKey } from '@mmt/store';

export type NoticeDraft = Omit<Notice, 'issuedAt'>;

const KIND_OF_CODE: Readonly<Record<string, NoticeKind>> = { CUSS: 'SELECTED_FOR_INSPECTION', CUSI: 'INSPECTED' };
const WORDS: Readonly<Record<NoticeKind, string>> = {
  SELECTED_FOR_INSPECTION: 'selected for customs inspection',
  INSPECTED: 'inspected by customs',
};

/** An inspection notice for each actual customs selection (CUSS) or inspection (CUSI) of the journey. */
export function journeyNotices(journey: Journey): NoticeDraft[] {
  return journey.milestones.flatMap((m): NoticeDraft[] => {
    const kind = KIND_OF_CODE[m.code];
    if (kind === undefined || m.classifier !== 'ACT' || m.place === undefined) {
      return [];
    }
    return [
      {
        noticeId: m.eventId,
        kind,
        journeyId: journey.journeyId,
        containerNo: journey.containerNo,
        coldChain: journey.coldChain,
        orgIds: journey.orgIds,
        place: m.place,
        at: m.at,
        eventId: m.eventId,
        message: `${journey.containerNo} was ${WORDS[kind]} at ${m.place.locode}${m.place.facility === undefined ? '' : ` ${m.place.facility}`}`,
      },
    ];
  });
}

/**
 * A notice send not yet known to be on `tracking.notices.v1`: the first issue, to every party the notice has when it
 * is sent, or a send again to the parties added since (see sendPending).
 */
export interface PendingNoticeSend {
  /** When the send was decided: tells one send again from another. */
  readonly since: string;
  readonly addedOrgIds?: readonly string[];
}

/** A notice as stored: with the sends it still owes, until they are known to be on the topic. */
export type StoredNotice = Notice & { readonly pending?: readonly PendingNoticeSend[] };

export interface NoticeChanges {
  /** Notices of customs events no notice was issued for yet: stored, each owing its first issue. */
  readonly issued: StoredNotice[];
  /**
   * Issued notices whose journey changed (re-keyed, parties, cold chain): stored as they are now, owing a send again
   * to the parties that joined the journey since (unless the first issue, which reaches every party, is still owed).
   */
  readonly changed: StoredNotice[];
  /** How many sends again the batch added. */
  readonly resent: number;
}

/**
 * What the batch's drafts do against the notices already issued (by id): a new one is issued `now`; an issued
 * one keeps its `issuedAt` and follows its journey, and goes again to the parties that joined the journey since.
 * Sends a failed batch stored and may not have sent stay owed, unchanged, so that a copy of one is the same send.
 */
export function noticeChanges(
  drafts: readonly NoticeDraft[],
  issuedBefore: ReadonlyMap<string, StoredNotice>,
  now: string,
): NoticeChanges {
  const changes = { issued: [] as StoredNotice[], changed: [] as StoredNotice[], resent: 0 };
  for (const draft of new Map(drafts.map((d) => [d.noticeId, d])).values()) {
    const before = issuedBefore.get(draft.noticeId);
    if (before === undefined) {
      changes.issued.push({ ...draft, issuedAt: now, pending: [{ since: now }] });
      continue;
    }
    const owed = before.pending ?? [];
    const known = new Set(before.orgIds.map(orgKey));
    const addedOrgIds = draft.orgIds.filter((orgId) => !known.has(orgKey(orgId)));
    const issueOwed = owed.some((send) => send.addedOrgIds === undefined);
    const resend = addedOrgIds.length > 0 && !issueOwed;
    const pending = resend ? [...owed, { since: now, addedOrgIds }] : owed;
    if (
      resend ||
      Object.entries(draft).some(([field, value]) => !isDeepStrictEqual(before[field as keyof Notice], value))
    ) {
      changes.changed.push({ ...draft, issuedAt: before.issuedAt, ...(pending.length === 0 ? {} : { pending }) });
    }
    changes.resent += resend ? 1 : 0;
  }
  return changes;
}

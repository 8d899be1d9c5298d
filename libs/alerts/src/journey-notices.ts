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

export interface NoticeChanges {
  /** Notices of customs events no notice was issued for yet: sent and stored. */
  readonly issued: Notice[];
  /** Issued notices whose journey changed (re-keyed, parties, cold chain): stored as they are now. */
  readonly changed: Notice[];
  /** Issued notices sent again, each with the parties new to it in `addedOrgIds`. */
  readonly resent: Notice[];
}

/**
 * What the batch's drafts do against the notices already issued (by id): a new one is issued `now`; an issued
 * one keeps its `issuedAt` and follows its journey, and goes again to the parties that joined the journey since.
 */
export function noticeChanges(
  drafts: readonly NoticeDraft[],
  issuedBefore: ReadonlyMap<string, Notice>,
  now: string,
): NoticeChanges {
  const changes: NoticeChanges = { issued: [], changed: [], resent: [] };
  for (const draft of new Map(drafts.map((d) => [d.noticeId, d])).values()) {
    const before = issuedBefore.get(draft.noticeId);
    if (before === undefined) {
      changes.issued.push({ ...draft, issuedAt: now });
      continue;
    }
    const notice: Notice = { ...draft, issuedAt: before.issuedAt };
    if (Object.entries(draft).some(([field, value]) => !isDeepStrictEqual(before[field as keyof Notice], value))) {
      changes.changed.push(notice);
    }
    const known = new Set(before.orgIds.map(orgKey));
    const addedOrgIds = draft.orgIds.filter((orgId) => !known.has(orgKey(orgId)));
    if (addedOrgIds.length > 0) {
      changes.resent.push({ ...notice, addedOrgIds });
    }
  }
  return changes;
}

import type { Journey, Notice, NoticeKind } from '@mmt/contracts';

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
        noticeId: `${journey.journeyId}|${m.eventId}`,
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

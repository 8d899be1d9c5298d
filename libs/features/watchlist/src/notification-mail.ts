import { FACILITIES, LOCATIONS, type Place } from '@mmt/contracts';
import { signCursor } from '@mmt/dcsa';
import type { MailLanguage, NotificationDocument, NotificationKind, WatchTargetType } from './watch';

/** One e-mail: its subject, a plain-text part and an HTML part, in the follower's language. */
export interface NotificationMail {
  readonly subject: string;
  readonly text: string;
  readonly html: string;
  /** Stable per notification: a mail sent again (after a lost answer) carries the same Message-ID. */
  readonly messageId: string;
  readonly unsubscribeUrl: string;
}

interface Words {
  readonly kinds: Record<NotificationKind, string>;
  readonly targets: Record<WatchTargetType, string>;
  readonly container: string;
  readonly at: string;
  readonly when: string;
  readonly eta: string;
  readonly following: string;
  readonly track: string;
  readonly unsubscribe: string;
  readonly why: string;
  /** Between a label and its value: ': ' in English, a full-width colon in Chinese. */
  readonly colon: string;
  readonly locale: string;
}

const WORDS: Record<MailLanguage, Words> = {
  en: {
    kinds: {
      ARRIVAL: 'Arrived',
      DEPARTURE: 'Departed',
      HOLD: 'Put on hold',
      INSPECTION: 'Customs inspection notice',
      ETA_CHANGED: 'Estimated arrival moved',
      DELIVERY: 'Delivered',
    },
    targets: { CONTAINER: 'container', BILL_OF_LADING: 'bill of lading', WAYBILL: 'waybill' },
    container: 'Container',
    at: 'Where',
    when: 'When',
    eta: 'Estimated arrival',
    following: 'You follow',
    track: 'Track the container',
    unsubscribe: 'Stop e-mails about this',
    why: 'You receive this because you follow it on the container tracking platform.',
    colon: ': ',
    locale: 'en-GB',
  },
  zh: {
    kinds: {
      ARRIVAL: '已到达',
      DEPARTURE: '已发出',
      HOLD: '已被扣留',
      INSPECTION: '海关查验通知',
      ETA_CHANGED: '预计到达时间已变更',
      DELIVERY: '已交付',
    },
    targets: { CONTAINER: '集装箱', BILL_OF_LADING: '提单', WAYBILL: '运单' },
    container: '集装箱',
    at: '地点',
    when: '时间',
    eta: '预计到达',
    following: '您关注的',
    track: '查看集装箱跟踪',
    unsubscribe: '停止接收此类邮件',
    why: '您收到此邮件，是因为您在集装箱跟踪平台上关注了它。',
    colon: '：',
    locale: 'zh-CN',
  },
};

const BY_LOCODE = new Map(LOCATIONS.map((location) => [location.locode, location]));

/** A place's name in the language, with its facility's, e.g. "Qinzhou · Qinzhou port rail terminal". */
export function placeName(place: Place | undefined, language: MailLanguage): string {
  if (place === undefined) {
    return '—';
  }
  const location = BY_LOCODE.get(place.locode);
  const facility = FACILITIES.find((f) => f.locode === place.locode && f.code === place.facility);
  const name = location === undefined ? place.locode : language === 'zh' ? location.nameZh : location.nameEn;
  return facility === undefined ? name : `${name} · ${language === 'zh' ? facility.nameZh : facility.nameEn}`;
}

/** A time in the place's own zone, with the offset, e.g. "2 Mar 2026, 08:00 GMT+8". */
export function localTime(iso: string | undefined, locode: string | undefined, language: MailLanguage): string {
  if (iso === undefined) {
    return '—';
  }
  return new Intl.DateTimeFormat(WORDS[language].locale, {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: (locode === undefined ? undefined : BY_LOCODE.get(locode)?.timeZone) ?? 'UTC',
    timeZoneName: 'shortOffset',
  }).format(new Date(iso));
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

/** The link that turns this watch's e-mail off: the gateway's GET /unsubscribe/<signed watch id>. */
export function unsubscribeUrl(publicUrl: string, watchId: string): string {
  return `${publicUrl.replace(/\/$/, '')}/unsubscribe/${signCursor('unsubscribe', watchId)}`;
}

/** The e-mail of a notification, in its language, with links to the tracking page and to unsubscribe. */
export function notificationMail(
  notification: NotificationDocument,
  publicUrl: string,
  domain: string,
): NotificationMail {
  const words = WORDS[notification.language];
  const kind = words.kinds[notification.kind];
  const place = placeName(notification.place, notification.language);
  const rows: [string, string][] = [
    [words.container, notification.containerNo],
    [words.at, place],
    [words.when, localTime(notification.at, notification.place?.locode, notification.language)],
  ];
  if (notification.etaAfter !== undefined) {
    const locode = notification.place?.locode;
    rows.push([
      words.eta,
      `${localTime(notification.etaBefore, locode, notification.language)} → ${localTime(notification.etaAfter, locode, notification.language)}`,
    ]);
  }
  rows.push([words.following, `${words.targets[notification.watchType]} ${notification.watchRef}`]);
  const trackUrl = `${publicUrl.replace(/\/$/, '')}/app/#/track/${encodeURIComponent(notification.containerNo)}`;
  const unsubscribe = unsubscribeUrl(publicUrl, notification.watchId);
  const subject =
    notification.language === 'zh'
      ? `${notification.containerNo}：${kind}（${place}）`
      : `${notification.containerNo}: ${kind} (${place})`;
  const text = [
    subject,
    '',
    ...rows.map(([label, value]) => `${label}${words.colon}${value}`),
    '',
    `${words.track}${words.colon}${trackUrl}`,
    '',
    words.why,
    `${words.unsubscribe}${words.colon}${unsubscribe}`,
    '',
  ].join('\n');
  const lang = notification.language === 'zh' ? 'zh-CN' : 'en';
  const html = `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>
<body style="font-family: sans-serif; color: #1a1a1a">
<h1 style="font-size: 1.2em">${escapeHtml(kind)}: ${escapeHtml(notification.containerNo)}</h1>
<table>
${rows.map(([label, value]) => `<tr><th style="text-align: left; padding-right: 1em">${escapeHtml(label)}</th><td>${escapeHtml(value)}</td></tr>`).join('\n')}
</table>
<p><a href="${escapeHtml(trackUrl)}">${escapeHtml(words.track)}</a></p>
<p style="color: #555; font-size: 0.9em">${escapeHtml(words.why)} <a href="${escapeHtml(unsubscribe)}">${escapeHtml(words.unsubscribe)}</a></p>
</body></html>
`;
  return {
    subject,
    text,
    html,
    messageId: `<${notification._id.replace(/[^\w.-]/g, '.')}@${domain}>`,
    unsubscribeUrl: unsubscribe,
  };
}

import type { Api } from './api';
import type { Shipment, Watch, WatchNotification } from './answers';
import { h, hours } from './dom';
import { code, currentLanguage, t } from './i18n';
import { placeName, when } from './places';
import { explain } from './tracking';

const SHIPMENT = `journeyId containerNo status eta delayMinutes destination { locode } currentPlace { locode facility }`;
const WATCH = 'watchId type ref kinds etaHours email emailOn';
const NOTIFICATION = 'notificationId kind containerNo at etaAfter email place { locode facility }';
/** Journeys read for the home page: at most this many pages of 100. */
const MAX_PAGES = 5;
const FINISHED = new Set(['COMPLETED', 'CANCELLED']);
const STATUS_ORDER = ['PLANNED', 'AT_ORIGIN', 'IN_TRANSIT', 'AT_HUB', 'ARRIVED'];
const KINDS = ['ARRIVAL', 'DEPARTURE', 'HOLD', 'INSPECTION', 'ETA_CHANGED', 'DELIVERY'] as const;
const TARGETS = ['CONTAINER', 'BILL_OF_LADING', 'WAYBILL'] as const;
/** How often the notifications are read again (they are written by the alerts service, after the journey update). */
const REFRESH_MS = 3000;

type SortKey = 'eta' | 'delay' | 'status' | 'container';
const SORT_WORDS: Record<SortKey, () => string> = {
  container: () => t('container'),
  status: () => t('status'),
  eta: () => t('eta'),
  delay: () => t('delay'),
};

const time = (iso: string | null | undefined) => (iso ? Date.parse(iso) : Number.POSITIVE_INFINITY);
const COMPARE: Record<SortKey, (a: Shipment, b: Shipment) => number> = {
  eta: (a, b) => time(a.eta) - time(b.eta),
  delay: (a, b) => (a.delayMinutes ?? Number.NEGATIVE_INFINITY) - (b.delayMinutes ?? Number.NEGATIVE_INFINITY),
  status: (a, b) => STATUS_ORDER.indexOf(a.status) - STATUS_ORDER.indexOf(b.status),
  container: (a, b) => a.containerNo.localeCompare(b.containerNo),
};

/** The active journeys the key may see (not completed or cancelled). */
async function activeShipments(api: Api): Promise<Shipment[]> {
  const found: Shipment[] = [];
  let after: string | null = null;
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const { journeys }: { journeys: { nodes: Shipment[]; endCursor: string | null; hasNextPage: boolean } } =
      await api.query(
        `query ($after: String) { journeys(first: 100, after: $after) { nodes { ${SHIPMENT} } endCursor hasNextPage } }`,
        { after },
      );
    found.push(...journeys.nodes.filter((j) => !FINISHED.has(j.status)));
    if (!journeys.hasNextPage) {
      break;
    }
    after = journeys.endCursor;
  }
  return found;
}

/**
 * A shipper's home (#/home): its active shipments, sortable, each linking to its tracking page and with a Follow
 * button; the watchlist with a form to follow a container, bill of lading or waybill (e-mail, language, kinds); and
 * the notifications, read again every few seconds and when a journey changes.
 */
export function home(api: Api, root: HTMLElement): () => void {
  let shipments: Shipment[] = [];
  let watches: Watch[] = [];
  let notifications: WatchNotification[] = [];
  let sort: { key: SortKey; ascending: boolean } = { key: 'eta', ascending: true };
  let stopped = false;

  const shipmentsSection = h('section', { 'aria-labelledby': 'shipments-title' });
  const watchSection = h('section', { 'aria-labelledby': 'watchlist-title' });
  const notificationSection = h('section', { 'aria-labelledby': 'notifications-title', 'aria-live': 'polite' });
  const said = h('p', { 'aria-live': 'polite', 'data-testid': 'said' });
  const form = followForm((input) => void follow(input));
  root.replaceChildren(h('div', { class: 'home' }, notificationSection, watchSection, shipmentsSection));

  const fail = (error: unknown) => said.replaceChildren(h('span', { class: 'error', role: 'alert' }, explain(error)));

  const follow = async (input: Record<string, unknown>) => {
    try {
      const { follow: watch } = await api.query<{ follow: Watch }>(
        `mutation ($w: WatchInput!) { follow(watch: $w) { ${WATCH} } }`,
        { w: input },
      );
      said.textContent = `${t('followed')}: ${code('watchTarget', watch.type)} ${watch.ref}`;
      await loadWatches();
    } catch (error) {
      fail(error);
    }
  };
  const unfollow = async (watchId: string) => {
    try {
      await api.query('mutation ($id: ID!) { unfollow(watchId: $id) }', { id: watchId });
      await loadWatches();
    } catch (error) {
      fail(error);
    }
  };

  const drawShipments = () => {
    const sorted = [...shipments].sort((a, b) => COMPARE[sort.key](a, b) * (sort.ascending ? 1 : -1));
    const followed = new Map(watches.filter((w) => w.type === 'CONTAINER').map((w) => [w.ref, w]));
    const header = (key: SortKey) => {
      const ariaSort = sort.key === key ? (sort.ascending ? 'ascending' : 'descending') : 'none';
      // The arrow is for the eye; aria-sort says the same to a screen reader, and the button keeps its name.
      const arrow = { ascending: ' ▲', descending: ' ▼', none: '' }[ariaSort];
      const button = h(
        'button',
        { type: 'button', class: 'sort' },
        SORT_WORDS[key](),
        h('span', { 'aria-hidden': 'true' }, arrow),
      );
      button.addEventListener('click', () => {
        sort = { key, ascending: sort.key === key ? !sort.ascending : true };
        drawShipments();
      });
      return h('th', { scope: 'col', 'aria-sort': ariaSort }, button);
    };
    const row = (s: Shipment) => {
      const watch = followed.get(s.containerNo);
      let action: HTMLElement;
      if (watch === undefined) {
        action = h('button', { type: 'button', 'aria-label': `${t('follow')} ${s.containerNo}` }, t('follow'));
        action.addEventListener(
          'click',
          () => void follow({ ...form.values(), type: 'CONTAINER', ref: s.containerNo }),
        );
      } else {
        action = h(
          'button',
          { type: 'button', class: 'quiet', 'aria-label': `${t('unfollow')} ${s.containerNo}` },
          t('unfollow'),
        );
        action.addEventListener('click', () => void unfollow(watch.watchId));
      }
      return h(
        'tr',
        { 'data-container': s.containerNo },
        h('th', { scope: 'row' }, h('a', { href: `#/track/${encodeURIComponent(s.containerNo)}` }, s.containerNo)),
        h('td', { 'data-label': t('status') }, code('status', s.status)),
        h('td', { 'data-label': t('whereNow') }, placeName(s.currentPlace?.locode, s.currentPlace?.facility)),
        h('td', { 'data-label': t('eta') }, when(s.eta, s.destination?.locode)),
        h(
          'td',
          { 'data-label': t('delay'), class: (s.delayMinutes ?? 0) > 0 ? 'late' : '' },
          hours(s.delayMinutes, t('hours')),
        ),
        h('td', {}, watch === undefined ? '' : h('span', { class: 'badge' }, t('following')), ' ', action),
      );
    };
    shipmentsSection.replaceChildren(
      h('h2', { id: 'shipments-title' }, `${t('shipments')} (${shipments.length})`),
      shipments.length === 0
        ? h('p', {}, t('noShipments'))
        : h(
            'table',
            { class: 'shipments', 'data-testid': 'shipments', 'aria-labelledby': 'shipments-title' },
            h(
              'thead',
              {},
              h(
                'tr',
                {},
                header('container'),
                header('status'),
                h('th', { scope: 'col' }, t('whereNow')),
                header('eta'),
                header('delay'),
                h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, t('follow'))),
              ),
            ),
            h('tbody', {}, ...sorted.map(row)),
          ),
    );
  };

  const drawWatches = () => {
    watchSection.replaceChildren(
      h('h2', { id: 'watchlist-title' }, t('watchlist')),
      form.element,
      said,
      watches.length === 0
        ? h('p', {}, t('noWatches'))
        : h(
            'ul',
            { class: 'watches', 'data-testid': 'watchlist' },
            ...watches.map((w) => {
              const remove = h(
                'button',
                { type: 'button', class: 'quiet', 'aria-label': `${t('unfollow')} ${w.ref}` },
                t('unfollow'),
              );
              remove.addEventListener('click', () => void unfollow(w.watchId));
              return h(
                'li',
                {},
                h('strong', {}, `${code('watchTarget', w.type)} ${w.ref}`),
                ' ',
                h('span', {}, w.kinds.map((k) => code('notification', k)).join(', ')),
                ' · ',
                w.emailOn && w.email ? w.email : t('emailOff'),
                ' ',
                remove,
              );
            }),
          ),
    );
  };

  const drawNotifications = () => {
    notificationSection.replaceChildren(
      h('h2', { id: 'notifications-title' }, t('notifications')),
      notifications.length === 0
        ? h('p', {}, t('noNotifications'))
        : h(
            'ol',
            { class: 'notifications', 'data-testid': 'notifications' },
            ...notifications.map((n) =>
              h(
                'li',
                { 'data-kind': n.kind },
                h('strong', {}, code('notification', n.kind)),
                ' ',
                h('a', { href: `#/track/${encodeURIComponent(n.containerNo)}` }, n.containerNo),
                ` · ${placeName(n.place?.locode, n.place?.facility)} · `,
                h('time', { datetime: n.at }, when(n.at, n.place?.locode)),
                n.etaAfter ? ` → ${t('eta')} ${when(n.etaAfter, n.place?.locode)}` : '',
                ' · ',
                h('span', { class: 'muted' }, code('emailState', n.email)),
              ),
            ),
          ),
    );
  };

  const loadShipments = async () => {
    shipments = await activeShipments(api);
    drawShipments();
  };
  const loadWatches = async () => {
    ({ watchlist: watches } = await api.query<{ watchlist: Watch[] }>(`{ watchlist { ${WATCH} } }`));
    drawWatches();
    drawShipments();
  };
  const loadNotifications = async () => {
    ({ notifications } = await api.query<{ notifications: WatchNotification[] }>(
      `{ notifications(first: 50) { ${NOTIFICATION} } }`,
    ));
    drawNotifications();
  };

  drawShipments();
  drawWatches();
  drawNotifications();
  void Promise.all([loadShipments(), loadWatches(), loadNotifications()]).catch(fail);
  const refresh = setInterval(() => {
    if (!stopped) {
      void loadNotifications().catch(() => undefined);
    }
  }, REFRESH_MS);
  let pending: ReturnType<typeof setTimeout> | undefined;
  const stopUpdates = api.subscribe('subscription { journeyUpdated { journey { journeyId } } }', {}, () => {
    // Many updates in a burst are read once.
    pending ??= setTimeout(() => {
      pending = undefined;
      void Promise.all([loadShipments(), loadNotifications()]).catch(() => undefined);
    }, 1000);
  });
  return () => {
    stopped = true;
    clearInterval(refresh);
    clearTimeout(pending);
    stopUpdates();
  };
}

/** The form to follow something: what, the reference, the e-mail address and its language, the kinds, the hours. */
function followForm(submit: (input: Record<string, unknown>) => void): {
  element: HTMLFormElement;
  values: () => Record<string, unknown>;
} {
  const type = h(
    'select',
    { id: 'watch-type' },
    ...TARGETS.map((target) => h('option', { value: target }, code('watchTarget', target))),
  );
  const ref = h('input', { id: 'watch-ref', required: true, autocomplete: 'off' });
  const email = h('input', { id: 'watch-email', type: 'email', autocomplete: 'email' });
  const language = h(
    'select',
    { id: 'watch-language' },
    h('option', { value: 'EN', lang: 'en', selected: currentLanguage() === 'en' }, 'English'),
    h('option', { value: 'ZH', lang: 'zh-CN', selected: currentLanguage() === 'zh' }, '中文'),
  );
  const etaHours = h('input', { id: 'watch-eta-hours', type: 'number', min: 1, max: 720, value: 6 });
  const boxes = KINDS.map((kind) => h('input', { type: 'checkbox', id: `kind-${kind}`, value: kind, checked: true }));
  const field = (id: string, label: string, control: HTMLElement) =>
    h('div', { class: 'field' }, h('label', { for: id }, label), control);
  const values = () => ({
    kinds: boxes.filter((box) => box.checked).map((box) => box.value),
    etaHours: Number(etaHours.value) || 6,
    language: language.value,
    ...(email.value.trim() === '' ? {} : { email: email.value.trim() }),
  });
  const element = h(
    'form',
    { class: 'follow' },
    field('watch-type', t('followWhat'), type),
    field('watch-ref', t('reference'), ref),
    field('watch-email', t('email'), email),
    field('watch-language', t('mailLanguage'), language),
    h(
      'fieldset',
      { class: 'kinds' },
      h('legend', {}, t('kinds')),
      ...boxes.map((box) => h('label', { for: box.id }, box, ` ${code('notification', box.value)}`)),
    ),
    field('watch-eta-hours', t('etaHours'), etaHours),
    h('button', { type: 'submit' }, t('follow')),
  );
  element.addEventListener('submit', (event) => {
    event.preventDefault();
    submit({ ...values(), type: type.value, ref: ref.value.trim() });
  });
  return { element, values };
}

import { ApiError, type Api } from './api';
import type { AlertPage, AlertRow } from './answers';
import { h, hours } from './dom';
import { code, say, t, type Word } from './i18n';
import { CORRIDORS, placeName, when } from './places';
import { conveyanceWords } from './journey-facts';
import { explain } from './tracking';

const PAGE_SIZE = 10;
const KINDS = [
  'TIME_LIMIT_BREACH',
  'COLD_CHAIN_WAITING',
  'MISSED_CONNECTION',
  'DECLARED_NOT_LOADED',
  'LOADED_NOT_DECLARED',
] as const;
/** The states the list shows, by the URL's `state`: open ones unless asked otherwise. */
const STATES: Readonly<Record<string, readonly string[]>> = {
  OPEN: ['OPEN'],
  ACKNOWLEDGED: ['ACKNOWLEDGED'],
  LIVE: ['OPEN', 'ACKNOWLEDGED'],
};
const ALERT = `alertId kind state containerNo coldChain corridor message raisedAt acknowledgedAt acknowledgedBy place { locode facility }
  operation minutes limitMinutes limitsVersion conveyanceKey plannedConveyanceKey`;
const PAGE = `query ($filter: AlertFilter, $after: String) {
  alertPage(filter: $filter, first: ${PAGE_SIZE}, after: $after) { totalCount endCursor hasNextPage nodes { ${ALERT} } }
}`;
/** The URL parameters of the alert list's filters (besides `after` and `from`, where its page starts). */
type FilterParam = 'state' | 'kind' | 'corridor' | 'cargo';

/**
 * The alerts, a page at a time with their total, filtered by state, kind, corridor and cargo (all kept in the
 * URL's parameters, with the page's cursor); each says when it was raised, where, and who acknowledged it.
 */
export interface AlertsView {
  readonly element: HTMLElement;
  refresh(): Promise<void>;
}

export function alertsView(api: Api, params: URLSearchParams, onChange: () => void): AlertsView {
  const count = h('p', { class: 'count', role: 'status', 'data-testid': 'alert-count' });
  const problem = h('p', { class: 'error', role: 'alert', 'data-testid': 'alert-problem' });
  const list = h('ul', { class: 'alerts', 'data-testid': 'alerts' });
  const previous = h('button', { type: 'button' }, t('previousPage'));
  const next = h('button', { type: 'button' }, t('nextPage'));
  /** The cursors of the pages before this one, for Previous; a page opened from the URL goes back to the first. */
  const before: (string | null)[] = [];
  let nextCursor: string | null = null;

  const select = (name: FilterParam, label: Word, options: readonly [string, string][]) => {
    const element = h(
      'select',
      { id: `alert-${name}` },
      ...options.map(([value, words]) => h('option', { value, selected: (params.get(name) ?? '') === value }, words)),
    );
    element.addEventListener('change', () => {
      setParam(name, element.value);
      before.length = 0;
      toPage(null, 0);
    });
    return h('div', { class: 'field' }, h('label', { for: `alert-${name}` }, t(label)), element);
  };
  const setParam = (name: string, value: string | null) => (value ? params.set(name, value) : params.delete(name));
  const toPage = (after: string | null, from: number) => {
    setParam('after', after);
    setParam('from', from > 0 ? String(from) : null);
    problem.textContent = '';
    onChange();
    void view.refresh();
  };
  previous.addEventListener('click', () => {
    const from = Math.max(0, Number(params.get('from') ?? 0) - PAGE_SIZE);
    toPage(before.pop() ?? null, before.length === 0 ? 0 : from);
  });
  next.addEventListener('click', () => {
    before.push(params.get('after'));
    toPage(nextCursor, Number(params.get('from') ?? 0) + PAGE_SIZE);
  });

  const filters = h(
    'div',
    { class: 'filters' },
    select('state', 'alertState', [
      ['', t('openOnly')],
      ['ACKNOWLEDGED', t('acknowledgedOnly')],
      ['LIVE', t('openAndAcknowledged')],
    ]),
    select('kind', 'alertKind', [
      ['', t('allKinds')],
      ...KINDS.map((k): [string, string] => [k, code('alertKind', k)]),
    ]),
    select('corridor', 'corridor', [
      ['', t('allCorridors')],
      ...CORRIDORS.map((c): [string, string] => [c, code('corridor', c)]),
    ]),
    select('cargo', 'cargo', [
      ['', t('allCargo')],
      ['cold', t('coldChainOnly')],
      ['other', t('otherCargo')],
    ]),
  );

  const acknowledge = (alert: AlertRow) => {
    problem.textContent = '';
    api
      .query('mutation ($id: ID!) { acknowledgeAlert(alertId: $id) { state } }', { id: alert.alertId })
      .catch((error: unknown) => {
        problem.textContent = `${t('acknowledgeFailed')} ${
          error instanceof ApiError && error.code === 'BAD_USER_INPUT' ? t('alertNotOpen') : explain(error)
        }`;
      })
      .finally(() => void view.refresh());
  };

  const view: AlertsView = {
    element: h(
      'section',
      { 'aria-labelledby': 'alerts-h' },
      h('h2', { id: 'alerts-h' }, t('alerts')),
      filters,
      count,
      problem,
      list,
      h('div', { class: 'pager' }, previous, next),
    ),
    async refresh() {
      const cargo = params.get('cargo');
      const filter = {
        states: STATES[params.get('state') ?? 'OPEN'] ?? STATES.OPEN,
        ...(params.get('kind') ? { kinds: [params.get('kind')] } : {}),
        ...(params.get('corridor') ? { corridor: params.get('corridor') } : {}),
        ...(cargo === 'cold' || cargo === 'other' ? { coldChain: cargo === 'cold' } : {}),
      };
      const { alertPage: page } = await api.query<{ alertPage: AlertPage }>(PAGE, {
        filter,
        after: params.get('after'),
      });
      const from = Number(params.get('from') ?? 0);
      count.textContent =
        page.nodes.length === 0
          ? say('alertCount', { count: page.totalCount })
          : `${say('alertCount', { count: page.totalCount })} · ${say('alertRange', {
              first: from + 1,
              last: from + page.nodes.length,
              count: page.totalCount,
            })}`;
      list.replaceChildren(
        ...(page.nodes.length === 0
          ? [h('li', {}, t('noAlerts'))]
          : page.nodes.map((alert) => alertItem(alert, () => acknowledge(alert)))),
      );
      nextCursor = page.endCursor ?? null;
      next.disabled = !page.hasNextPage;
      previous.disabled = from === 0 && before.length === 0 && !params.get('after');
    },
  };
  return view;
}

function alertItem(alert: AlertRow, onAcknowledge: () => void): HTMLLIElement {
  const locode = alert.place?.locode;
  const button = h('button', { type: 'button' }, t('acknowledge'));
  button.addEventListener('click', () => {
    button.disabled = true;
    onAcknowledge();
  });
  return h(
    'li',
    { class: alert.coldChain ? 'alert cold' : 'alert', 'data-alert-id': alert.alertId, 'data-state': alert.state },
    h(
      'p',
      { class: 'head' },
      alert.coldChain ? h('span', { class: 'badge' }, t('coldChain')) : null,
      h('strong', { class: 'kind' }, code('alertKind', alert.kind)),
      h('span', { class: 'state' }, code('alertState', alert.state)),
    ),
    h(
      'p',
      {},
      h('a', { href: `#/track/${alert.containerNo}` }, alert.containerNo),
      locode ? ` · ${placeName(locode, alert.place?.facility)}` : '',
      alert.corridor ? ` · ${code('corridor', alert.corridor)}` : '',
    ),
    h('p', { class: 'message' }, alertDetail(alert)),
    h(
      'p',
      { class: 'times' },
      `${t('raised')}: `,
      h('time', { datetime: alert.raisedAt, 'data-testid': 'raised' }, when(alert.raisedAt, locode)),
      alert.acknowledgedBy
        ? h(
            'span',
            { class: 'ack', 'data-testid': 'acknowledged' },
            ` · ${say('acknowledgedBy', { who: alert.acknowledgedBy, when: when(alert.acknowledgedAt, locode) })}`,
          )
        : null,
    ),
    alert.state === 'OPEN' ? button : null,
  );
}

/** What an alert is about, in words from its fields; the platform's English sentence when they are missing. */
function alertDetail(alert: AlertRow): string {
  const operation = alert.operation ? code('operation', alert.operation) : undefined;
  const limit = hours(alert.limitMinutes, t('hours'));
  const version = alert.limitsVersion ? ` (${say('limitsVersion', { version: alert.limitsVersion })})` : '';
  switch (alert.kind) {
    case 'TIME_LIMIT_BREACH':
      return operation && typeof alert.minutes === 'number'
        ? say('operationTook', { operation, took: hours(alert.minutes, t('hours')), limit }) + version
        : alert.message;
    case 'COLD_CHAIN_WAITING':
      return operation ? say('stillWaiting', { operation, limit }) + version : alert.message;
    case 'MISSED_CONNECTION':
    case 'DECLARED_NOT_LOADED':
      return alert.plannedConveyanceKey && alert.conveyanceKey
        ? say('loadedInstead', {
            planned: conveyanceWords(alert.plannedConveyanceKey),
            loaded: conveyanceWords(alert.conveyanceKey),
          })
        : alert.message;
    case 'LOADED_NOT_DECLARED':
      return alert.conveyanceKey
        ? say('notOnManifest', { loaded: conveyanceWords(alert.conveyanceKey) })
        : alert.message;
  }
}

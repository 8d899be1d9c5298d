import * as echarts from 'echarts';
import type { Api } from './api';
import { showCorridorMap } from './corridor-map';
import { alertsView } from './dashboard-alerts';
import { showInUrl } from './dashboard-link';
import { currentMonth, granularityOf, INPUT_TYPES, monthOf, regranulated, type Granularity } from './dashboard-periods';
import { statsView } from './dashboard-stats';
import { h } from './dom';
import { t } from './i18n';

const GRANULARITY_WORDS = { DAY: 'day', WEEK: 'week', MONTH: 'month' } as const;

/**
 * The port office's wall screen: the statistics of a day, an ISO week or a month (the latest with data unless the
 * URL names one), clearance against targets, the map and the alerts. Its state is kept in the URL's parameters.
 */
export function dashboard(
  api: Api,
  root: HTMLElement,
  params: URLSearchParams,
  onFailure: (error: unknown) => void,
): () => void {
  const kind = h(
    'select',
    { id: 'period-kind' },
    ...(['DAY', 'WEEK', 'MONTH'] as const).map((g) => h('option', { value: g }, t(GRANULARITY_WORDS[g]))),
  );
  const periodInput = h('input', { id: 'period' });
  const periodProblem = h('p', { class: 'error', role: 'alert', 'data-testid': 'period-problem' });
  const mapChart = h('div', { class: 'chart map', role: 'img', 'aria-label': t('map') });
  const map = echarts.init(mapChart);
  const stats = statsView(api, (counts) => showCorridorMap(map, counts, mapChart));
  const alerts = alertsView(api, params, () => showInUrl(params));
  const figures = h(
    'div',
    { class: 'figures-of-period' },
    stats.note,
    stats.corridors,
    stats.daily,
    h(
      'div',
      { class: 'two' },
      stats.clearance,
      h('section', { 'aria-labelledby': 'map-h' }, h('h2', { id: 'map-h' }, t('map')), mapChart),
    ),
  );
  root.replaceChildren(
    h(
      'div',
      { class: 'toolbar' },
      h('label', { for: 'period-kind' }, t('periodKind')),
      kind,
      h('label', { for: 'period' }, t('period')),
      periodInput,
    ),
    periodProblem,
    figures,
    alerts.element,
    stats.hubs,
  );
  const resize = () => {
    stats.resize();
    map.resize();
  };
  window.addEventListener('resize', resize);

  /** Shows a period's figures, or says what a period may be; the toolbar stays either way. */
  const showPeriod = async (period: string) => {
    const granularity = granularityOf(period);
    setPicker(granularity ?? 'MONTH', granularity === undefined ? '' : period);
    periodProblem.textContent = granularity === undefined ? `“${period}” ${t('badPeriod')}` : '';
    figures.hidden = granularity === undefined;
    stats.hubs.hidden = granularity === undefined;
    if (granularity !== undefined) {
      await stats.show(period);
      resize();
    }
  };
  const setPicker = (granularity: Granularity, value: string) => {
    kind.value = granularity;
    periodInput.type = INPUT_TYPES[granularity];
    periodInput.value = value;
  };
  const choose = (period: string) => {
    params.set('period', period);
    showInUrl(params);
    void showPeriod(period).catch(onFailure);
  };
  periodInput.addEventListener('change', () => {
    if (granularityOf(periodInput.value) !== undefined) {
      choose(periodInput.value);
    }
  });
  kind.addEventListener('change', () => {
    const shown = params.get('period') ?? '';
    const granularity = kind.value as Granularity;
    choose(
      granularityOf(shown) === undefined ? regranulated(currentMonth(), granularity) : regranulated(shown, granularity),
    );
  });

  const asked = params.get('period');
  if (asked === null) {
    // The latest period with figures: the month of the latest day on which anything was counted.
    void api
      .query<{ latestStatsDay: string | null }>('{ latestStatsDay }')
      .then(({ latestStatsDay }) => {
        choose(latestStatsDay === null ? currentMonth() : monthOf(latestStatsDay));
        if (latestStatsDay === null) {
          stats.note.after(h('p', { class: 'note' }, t('noStatsYet')));
        }
      })
      .catch(onFailure);
  } else {
    showInUrl(params);
    void showPeriod(asked).catch(onFailure);
  }
  void alerts.refresh().catch(onFailure);

  let pending: ReturnType<typeof setTimeout> | undefined;
  const refreshSoon = () => {
    pending ??= setTimeout(() => {
      pending = undefined;
      const period = params.get('period');
      if (period !== null && granularityOf(period) !== undefined) {
        void stats.show(period).catch(onFailure);
      }
    }, 2_000);
  };
  const stopUpdates = api.subscribe('subscription { journeyUpdated { publishedAt } }', {}, refreshSoon);
  const stopAlerts = api.subscribe(
    'subscription { alertRaised { change } }',
    {},
    () => void alerts.refresh().catch(onFailure),
  );
  return () => {
    stopUpdates();
    stopAlerts();
    clearTimeout(pending);
    window.removeEventListener('resize', resize);
    stats.dispose();
    map.dispose();
  };
}

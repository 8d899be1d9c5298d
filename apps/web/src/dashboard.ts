import * as echarts from 'echarts';
import type { Api } from './api';
import type { AlertRow, Clearance, ContainersNow, CorridorStats, DayStats, HubStats, Throughput } from './answers';
import { h, hours } from './dom';
import { t } from './i18n';
import { CLEARANCE_PORTS, CORRIDOR_LINES, CORRIDORS, HUBS } from './places';

const DURATION = 'count p50Minutes p90Minutes';
const THROUGHPUT = 'containers teu';
const STATS = `query Dashboard($period: String!) {
  ${CORRIDORS.map((c) => `${c}: corridorStats(corridor: ${c}, period: $period) { started { ${THROUGHPUT} } delivered { ${THROUGHPUT} } transit { ${DURATION} } }`).join('\n  ')}
  ${HUBS.map((l) => `${l}: hubStats(locode: "${l}", period: $period) { arrived { ${THROUGHPUT} } departed { ${THROUGHPUT} } cleared { ${THROUGHPUT} } dwell { ${DURATION} } }`).join('\n  ')}
  ${CLEARANCE_PORTS.map((p) => `clearance_${p}: clearanceReport(port: "${p}", period: $period) { rows { direction clearance { count meanMinutes } } baseline { meanMinutes } target { meanMinutes reduction } gapMinutes }`).join('\n  ')}
  containersNow { atPlaces { locode containers } onTheWay { corridor containers } countedAt }
  ${CORRIDORS.map((c) => `days_${c}: corridorDays(corridor: ${c}, month: $period) { period delivered { ${THROUGHPUT} } }`).join('\n  ')}
}`;
const ALERTS = `{ alerts(first: 50) { alertId kind state containerNo coldChain message raisedAt } }`;

const throughput = (x: Throughput) => `${x.containers} ${t('containers')} · ${x.teu} ${t('teu')}`;

/** The port office's wall screen: statistics of a month, clearance against targets, the map and open alerts. */
export function dashboard(
  api: Api,
  root: HTMLElement,
  period: string,
  onFailure: (error: unknown) => void,
): () => void {
  const periodInput = h('input', { id: 'period', type: 'month', value: period, 'aria-label': t('period') });
  const corridors = h('section', { 'aria-labelledby': 'corridors-h', class: 'cards' });
  const hubs = h('tbody');
  const clearanceChart = h('div', { class: 'chart', role: 'img', 'aria-label': t('clearance') });
  const dailyChart = h('div', { class: 'chart', role: 'img', 'aria-label': t('daily'), 'data-testid': 'daily' });
  const mapChart = h('div', { class: 'chart map', role: 'img', 'aria-label': t('map') });
  const alerts = h('ul', { class: 'alerts', 'data-testid': 'alerts' });
  root.replaceChildren(
    h('div', { class: 'toolbar' }, h('label', { for: 'period' }, t('period')), periodInput),
    h('h2', { id: 'corridors-h' }, t('corridors')),
    corridors,
    h('section', {}, h('h2', {}, t('daily')), dailyChart),
    h(
      'div',
      { class: 'two' },
      h('section', {}, h('h2', {}, t('clearance')), clearanceChart),
      h('section', {}, h('h2', {}, t('map')), mapChart),
    ),
    h('section', {}, h('h2', {}, t('alerts')), alerts),
    h(
      'section',
      {},
      h('h2', {}, t('hubs')),
      h(
        'table',
        {},
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            ...['', t('arrived'), t('departed'), t('cleared'), t('dwellP50'), t('dwellP90')].map((c) =>
              h('th', { scope: 'col' }, c),
            ),
          ),
        ),
        hubs,
      ),
    ),
  );
  const clearance = echarts.init(clearanceChart);
  const map = echarts.init(mapChart);
  const daily = echarts.init(dailyChart);
  const resize = () => [clearance, map, daily].forEach((chart) => chart.resize());
  window.addEventListener('resize', resize);

  const showStats = async () => {
    const data = await api.query<Record<string, unknown>>(STATS, { period: periodInput.value });
    corridors.replaceChildren(
      ...CORRIDORS.map((c) => {
        const s = data[c] as CorridorStats;
        return h(
          'article',
          { class: 'card', 'data-testid': `corridor-${c}` },
          h('h3', {}, c.replaceAll('_', ' ')),
          h('p', {}, `${t('started')}: `, h('strong', { 'data-testid': 'started' }, throughput(s.started))),
          h('p', {}, `${t('delivered')}: `, h('strong', { 'data-testid': 'delivered' }, throughput(s.delivered))),
          h(
            'p',
            {},
            `${t('transitP50')}: `,
            h('strong', { 'data-testid': 'transit-p50' }, hours(s.transit?.p50Minutes, t('hours'))),
            ` · ${t('transitP90')}: ${hours(s.transit?.p90Minutes, t('hours'))}`,
          ),
        );
      }),
    );
    hubs.replaceChildren(
      ...HUBS.map((l) => {
        const s = data[l] as HubStats;
        return h(
          'tr',
          { 'data-testid': `hub-${l}` },
          h('th', { scope: 'row' }, l),
          h('td', {}, s.arrived.containers),
          h('td', {}, s.departed.containers),
          h('td', {}, s.cleared.containers),
          h('td', {}, hours(s.dwell?.p50Minutes, t('hours'))),
          h('td', {}, hours(s.dwell?.p90Minutes, t('hours'))),
        );
      }),
    );
    const reports = CLEARANCE_PORTS.map((p) => data[`clearance_${p}`] as Clearance);
    const mean = (r: Clearance) => r.rows.find((row) => row.direction === 'ALL')?.clearance?.meanMinutes ?? 0;
    clearanceChart.dataset.values = JSON.stringify(reports.map((r) => Math.round(mean(r))));
    clearance.setOption({
      animation: false,
      tooltip: {},
      legend: { data: [t('mean'), t('baseline'), t('target')] },
      xAxis: { type: 'category', data: [...CLEARANCE_PORTS] },
      yAxis: { type: 'value', name: t('hours') },
      series: [
        { name: t('mean'), type: 'bar', data: reports.map((r) => +(mean(r) / 60).toFixed(1)) },
        {
          name: t('baseline'),
          type: 'bar',
          data: reports.map((r) => +((r.baseline?.meanMinutes ?? 0) / 60).toFixed(1)),
        },
        { name: t('target'), type: 'bar', data: reports.map((r) => +((r.target?.meanMinutes ?? 0) / 60).toFixed(1)) },
      ],
    });
    showMap(map, data.containersNow as ContainersNow, mapChart);
    showDaily(
      daily,
      CORRIDORS.map((c) => data[`days_${c}`] as DayStats[]),
      dailyChart,
    );
  };

  const showAlerts = async () => {
    const { alerts: rows } = await api.query<{ alerts: AlertRow[] }>(ALERTS);
    alerts.replaceChildren(
      ...(rows.length === 0 ? [h('li', {}, t('noAlerts'))] : rows.map((a) => alertItem(api, a, showAlerts))),
    );
  };

  let pending: ReturnType<typeof setTimeout> | undefined;
  const refreshSoon = () => {
    pending ??= setTimeout(() => {
      pending = undefined;
      void showStats().catch(onFailure);
    }, 2_000);
  };
  periodInput.addEventListener('change', () => void showStats().catch(onFailure));
  void showStats().catch(onFailure);
  void showAlerts().catch(onFailure);
  const stopUpdates = api.subscribe('subscription { journeyUpdated { publishedAt } }', {}, refreshSoon);
  const stopAlerts = api.subscribe(
    'subscription { alertRaised { change } }',
    {},
    () => void showAlerts().catch(onFailure),
  );
  return () => {
    stopUpdates();
    stopAlerts();
    window.removeEventListener('resize', resize);
    [clearance, map, daily].forEach((chart) => chart.dispose());
  };
}

function alertItem(api: Api, alert: AlertRow, refresh: () => Promise<void>): HTMLLIElement {
  const button = h(
    'button',
    { type: 'button', disabled: alert.state !== 'OPEN' },
    alert.state === 'OPEN' ? t('acknowledge') : t('acknowledged'),
  );
  button.addEventListener('click', () => {
    void api
      .query('mutation ($id: ID!) { acknowledgeAlert(alertId: $id) { state } }', { id: alert.alertId })
      .then(refresh)
      .catch((error: unknown) => console.error('acknowledge failed', error));
  });
  return h(
    'li',
    { class: alert.coldChain ? 'alert cold' : 'alert', 'data-alert-id': alert.alertId },
    alert.coldChain ? h('span', { class: 'badge' }, t('coldChain')) : null,
    h('span', { class: 'kind' }, alert.kind),
    h('a', { href: `#/track/${alert.containerNo}` }, alert.containerNo),
    h('span', {}, alert.message),
    button,
  );
}

/** A schematic map: one row per corridor, its places from origin to destination, each with its count now. */
function showMap(chart: echarts.ECharts, counts: ContainersNow, element: HTMLElement): void {
  const at = new Map(counts.atPlaces.map((p) => [p.locode, p.containers]));
  element.dataset.counts = JSON.stringify(Object.fromEntries(at));
  const onTheWay = new Map(counts.onTheWay.map((c) => [c.corridor, c.containers]));
  const rows = Object.entries(CORRIDOR_LINES);
  chart.setOption({
    animation: false,
    grid: { left: 20, right: 20, top: 30, bottom: 10, containLabel: true },
    xAxis: { type: 'value', min: -0.3, max: 5.3, show: false },
    yAxis: { type: 'value', min: -0.6, max: rows.length - 0.3, show: false },
    series: rows.map(([corridor, places], row) => ({
      type: 'line',
      name: corridor,
      data: places.map((locode, i) => ({ name: locode, value: [i, rows.length - 1 - row, at.get(locode) ?? 0] })),
      symbolSize: (value: number[]) => 10 + Math.sqrt(value[2]) * 3,
      lineStyle: { width: 3 },
      label: {
        show: true,
        position: 'top',
        formatter: (p: { name: string; value: number[] }) => `${p.name}\n${p.value[2]}`,
      },
      markPoint: {
        symbol: 'roundRect',
        symbolSize: [1, 1],
        label: {
          show: true,
          position: 'bottom',
          formatter: `${corridor.replaceAll('_', ' ')}: ${onTheWay.get(corridor) ?? 0} ${t('onTheWay')}`,
        },
        data: [{ coord: [(places.length - 1) / 2, rows.length - 1 - row] }],
      },
    })),
  });
}

/** Containers delivered per day of the month, a line per corridor (TEU in the tooltip). */
function showDaily(chart: echarts.ECharts, days: DayStats[][], element: HTMLElement): void {
  element.dataset.delivered = JSON.stringify(days.map((corridor) => corridor.map((d) => d.delivered.containers)));
  chart.setOption({
    animation: false,
    tooltip: { trigger: 'axis' },
    legend: { data: CORRIDORS.map((c) => c.replaceAll('_', ' ')) },
    xAxis: { type: 'category', data: (days[0] ?? []).map((d) => d.period.slice(8)) },
    yAxis: { type: 'value', name: `${t('delivered')} (${t('containers')})`, minInterval: 1 },
    series: CORRIDORS.map((c, i) => ({
      name: c.replaceAll('_', ' '),
      type: 'line',
      data: days[i].map((d) => ({ value: d.delivered.containers, teu: d.delivered.teu })),
    })),
  });
}

import * as echarts from 'echarts';
import type { Api } from './api';
import type { Clearance, ContainersNow, CorridorStats, DayStats, HubStats, Throughput } from './answers';
import { daysOf, granularityOf } from './dashboard-periods';
import { h, hours } from './dom';
import { code, locale, say, t } from './i18n';
import { CLEARANCE_PORTS, CORRIDORS, HUBS, placeName } from './places';

const DURATION = 'count p50Minutes p90Minutes';
const THROUGHPUT = 'containers teu';
const STATS = `query Dashboard($period: String!) {
  ${CORRIDORS.map((c) => `${c}: corridorStats(corridor: ${c}, period: $period) { started { ${THROUGHPUT} } delivered { ${THROUGHPUT} } transit { ${DURATION} } }`).join('\n  ')}
  ${HUBS.map((l) => `${l}: hubStats(locode: "${l}", period: $period) { arrived { ${THROUGHPUT} } departed { ${THROUGHPUT} } cleared { ${THROUGHPUT} } dwell { ${DURATION} } }`).join('\n  ')}
  ${CLEARANCE_PORTS.map((p) => `clearance_${p}: clearanceReport(port: "${p}", period: $period) { rows { direction clearance { count meanMinutes } } baseline { meanMinutes } target { meanMinutes reduction } gapMinutes }`).join('\n  ')}
  containersNow { atPlaces { locode containers } onTheWay { corridor containers } countedAt }
  ${CORRIDORS.map((c) => `days_${c}: corridorDays(corridor: ${c}, period: $period) { period delivered { ${THROUGHPUT} } }`).join('\n  ')}
}`;

const throughput = (x: Throughput) => `${x.containers} ${t('containers')} · ${x.teu} ${t('teu')}`;
/** A duration in hours, or "no data" when nothing was measured in the period. */
const duration = (minutes: number | null | undefined) =>
  minutes === null || minutes === undefined ? t('noData') : hours(minutes, t('hours'));
const HUB_COLUMNS = ['arrived', 'departed', 'cleared', 'dwellP50', 'dwellP90'] as const;

/**
 * The statistics of a period, in the parts the dashboard lays out: corridors, deliveries per day, clearance, hubs
 * and ports. The containers counted now come with them, for the map.
 */
export interface StatsView {
  readonly note: HTMLElement;
  readonly corridors: HTMLElement;
  readonly daily: HTMLElement;
  readonly clearance: HTMLElement;
  readonly hubs: HTMLElement;
  show(period: string): Promise<void>;
  resize(): void;
  dispose(): void;
}

export function statsView(api: Api, onContainersNow: (counts: ContainersNow) => void): StatsView {
  const note = h('p', { class: 'note', 'data-testid': 'period-days' });
  const cards = h('div', { class: 'cards' });
  const hubRows = h('tbody');
  const clearanceChart = h('div', { class: 'chart', role: 'img', 'aria-label': t('clearance') });
  const clearanceFigures = h('ul', { class: 'figures', 'data-testid': 'clearance-figures' });
  const dailyChart = h('div', { class: 'chart', role: 'img', 'aria-label': t('daily'), 'data-testid': 'daily' });
  const clearance = echarts.init(clearanceChart);
  const daily = echarts.init(dailyChart);
  const columns = ['place', ...HUB_COLUMNS] as const;
  return {
    note,
    corridors: h(
      'section',
      { 'aria-labelledby': 'corridors-h' },
      h('h2', { id: 'corridors-h' }, t('corridors')),
      cards,
    ),
    daily: h('section', { 'aria-labelledby': 'daily-h' }, h('h2', { id: 'daily-h' }, t('daily')), dailyChart),
    clearance: h(
      'section',
      { 'aria-labelledby': 'clearance-h' },
      h('h2', { id: 'clearance-h' }, t('clearance')),
      clearanceChart,
      clearanceFigures,
    ),
    hubs: h(
      'section',
      { 'aria-labelledby': 'hubs-h' },
      h('h2', { id: 'hubs-h' }, t('hubs')),
      h(
        'table',
        { class: 'hubs' },
        h('thead', {}, h('tr', {}, ...columns.map((c) => h('th', { scope: 'col' }, t(c))))),
        hubRows,
      ),
    ),
    async show(period) {
      const data = await api.query<Record<string, unknown>>(STATS, { period });
      const days = daysOf(period);
      note.textContent = say('periodDays', { first: days[0], last: days.at(-1)! });
      cards.replaceChildren(...CORRIDORS.map((c) => corridorCard(c, data[c] as CorridorStats)));
      hubRows.replaceChildren(...HUBS.map((l) => hubRow(l, data[l] as HubStats)));
      showClearance(
        clearance,
        CLEARANCE_PORTS.map((p) => data[`clearance_${p}`] as Clearance),
        clearanceChart,
        clearanceFigures,
      );
      onContainersNow(data.containersNow as ContainersNow);
      showDaily(
        daily,
        period,
        CORRIDORS.map((c) => data[`days_${c}`] as DayStats[]),
        dailyChart,
      );
      note.dataset.period = period;
    },
    resize: () => [clearance, daily].forEach((chart) => chart.resize()),
    dispose: () => [clearance, daily].forEach((chart) => chart.dispose()),
  };
}

function corridorCard(corridor: string, s: CorridorStats): HTMLElement {
  return h(
    'article',
    { class: 'card', 'data-testid': `corridor-${corridor}` },
    h('h3', {}, code('corridor', corridor)),
    h('p', {}, `${t('started')}: `, h('strong', { 'data-testid': 'started' }, throughput(s.started))),
    h('p', {}, `${t('delivered')}: `, h('strong', { 'data-testid': 'delivered' }, throughput(s.delivered))),
    h(
      'p',
      {},
      `${t('transitP50')}: `,
      h('strong', { 'data-testid': 'transit-p50' }, duration(s.transit?.p50Minutes)),
      ` · ${t('transitP90')}: `,
      h('strong', { 'data-testid': 'transit-p90' }, duration(s.transit?.p90Minutes)),
    ),
  );
}

/** A hub's row; each cell names its column too, for the phone's stacked layout. */
function hubRow(locode: string, s: HubStats): HTMLElement {
  const cells: Record<(typeof HUB_COLUMNS)[number], string | number> = {
    arrived: s.arrived.containers,
    departed: s.departed.containers,
    cleared: s.cleared.containers,
    dwellP50: duration(s.dwell?.p50Minutes),
    dwellP90: duration(s.dwell?.p90Minutes),
  };
  return h(
    'tr',
    { 'data-testid': `hub-${locode}` },
    h('th', { scope: 'row' }, placeName(locode)),
    ...HUB_COLUMNS.map((column) => h('td', { 'data-label': t(column) }, cells[column])),
  );
}

/** Clearance means beside baseline and target, as bars and in words; a port without clearances says no data. */
function showClearance(
  chart: echarts.ECharts,
  reports: readonly Clearance[],
  element: HTMLElement,
  figures: HTMLElement,
): void {
  const means = reports.map((r) => r.rows.find((row) => row.direction === 'ALL')?.clearance?.meanMinutes ?? null);
  element.dataset.values = JSON.stringify(means.map((m) => (m === null ? null : Math.round(m))));
  const inHours = (minutes: number | null | undefined) =>
    minutes === null || minutes === undefined ? null : +(minutes / 60).toFixed(1);
  chart.setOption({
    animation: false,
    tooltip: {},
    legend: { data: [t('mean'), t('baseline'), t('target')] },
    xAxis: { type: 'category', data: CLEARANCE_PORTS.map((p) => placeName(p)) },
    yAxis: { type: 'value', name: t('hours') },
    series: [
      {
        name: t('mean'),
        type: 'bar',
        data: means.map((m) =>
          m === null ? { value: 0, label: { show: true, position: 'top', formatter: t('noData') } } : inHours(m),
        ),
      },
      { name: t('baseline'), type: 'bar', data: reports.map((r) => inHours(r.baseline?.meanMinutes) ?? 0) },
      { name: t('target'), type: 'bar', data: reports.map((r) => inHours(r.target?.meanMinutes) ?? 0) },
    ],
  });
  figures.replaceChildren(
    ...CLEARANCE_PORTS.map((port, i) =>
      h(
        'li',
        { 'data-testid': `clearance-${port}` },
        h('strong', {}, placeName(port)),
        `: ${t('mean')} ${duration(means[i])} · ${t('baseline')} ${duration(reports[i].baseline?.meanMinutes)} · ${t('target')} ${duration(reports[i].target?.meanMinutes)}`,
      ),
    ),
  );
}

/** A day's label on the chart: its date in a month, its weekday and date in a week, the whole date alone. */
function dayLabel(period: string): (day: string) => string {
  const granularity = granularityOf(period);
  const format = new Intl.DateTimeFormat(locale(), {
    timeZone: 'UTC',
    ...(granularity === 'MONTH' ? { day: 'numeric' } : {}),
    ...(granularity === 'WEEK' ? { weekday: 'short', day: 'numeric' } : {}),
    ...(granularity === 'DAY' ? { dateStyle: 'medium' } : {}),
  });
  return (day) => format.format(new Date(`${day}T00:00:00Z`));
}

/** Containers delivered on each day of the period, a line per corridor (TEU in the tooltip). */
function showDaily(chart: echarts.ECharts, period: string, days: DayStats[][], element: HTMLElement): void {
  element.dataset.delivered = JSON.stringify(days.map((corridor) => corridor.map((d) => d.delivered.containers)));
  element.dataset.days = JSON.stringify((days[0] ?? []).map((d) => d.period));
  const names = CORRIDORS.map((c) => code('corridor', c));
  const single = (days[0] ?? []).length === 1;
  chart.setOption(
    {
      animation: false,
      tooltip: { trigger: 'axis' },
      legend: { type: 'scroll', data: names },
      grid: { left: 40, right: 16, containLabel: true },
      xAxis: { type: 'category', data: (days[0] ?? []).map((d) => dayLabel(period)(d.period)) },
      yAxis: {
        type: 'value',
        name: `${t('delivered')} (${t('containers')})`,
        nameTextStyle: { align: 'left' },
        minInterval: 1,
      },
      series: names.map((name, i) => ({
        name,
        // One day is a bar per corridor; a line through one point would show nothing.
        type: single ? 'bar' : 'line',
        data: days[i].map((d) => ({ value: d.delivered.containers, teu: d.delivered.teu })),
      })),
    },
    true,
  );
}

import type { BrokerTimelinessReport, ClearanceReport, ClearanceRow, DurationStats } from '@mmt/analytics';
import { LOCATIONS } from '@mmt/contracts';

/** One day of a period: its clearance report. */
export interface DailyClearance {
  readonly day: string;
  readonly report: ClearanceReport;
}

const hours = (minutes: number | undefined | null) =>
  minutes === undefined || minutes === null ? '' : (minutes / 60).toFixed(1);
const share = (value: number) => `${(value * 100).toFixed(1)} %`;

const CSV_HEADER = [
  'scope',
  'direction',
  'cleared_containers',
  'cleared_teu',
  'inspected',
  'inspection_share',
  'clearance_count',
  'clearance_mean_hours',
  'clearance_p50_hours',
  'clearance_p90_hours',
  'clearance_p99_hours',
  'baseline_mean_hours',
  'target_mean_hours',
  'gap_hours',
];

function csvRow(scope: string, row: ClearanceRow, report: ClearanceReport): string {
  const c: DurationStats | null = row.clearance;
  const overall = row.direction === 'ALL';
  return [
    scope,
    row.direction,
    row.cleared.containers,
    row.cleared.teu,
    row.inspected,
    row.inspectionShare.toFixed(4),
    c?.count ?? 0,
    hours(c?.meanMinutes),
    hours(c?.p50Minutes),
    hours(c?.p90Minutes),
    hours(c?.p99Minutes),
    overall ? hours(report.baseline?.meanMinutes) : '',
    overall ? hours(report.target?.meanMinutes) : '',
    overall ? hours(report.gapMinutes) : '',
  ].join(',');
}

/** The period's rows (one per direction), then each day's overall row. Hours with one decimal. */
export function clearanceCsv(report: ClearanceReport, days: readonly DailyClearance[]): string {
  const lines = [CSV_HEADER.join(',')];
  report.rows.forEach((row) => lines.push(csvRow(report.period, row, report)));
  days.forEach(({ day, report: daily }) => lines.push(csvRow(day, daily.rows[0], daily)));
  return `${lines.join('\n')}\n`;
}

/** One row per broker, in rank order; delays in hours with one decimal. */
export function brokersCsv(report: BrokerTimelinessReport): string {
  const header = 'rank,broker,broker_name,declarations,before_arrival,delay_mean_hours,delay_p50_hours,delay_p90_hours';
  const rows = report.brokers.map((b) =>
    [
      b.rank,
      b.broker,
      `"${b.brokerName.replaceAll('"', '""')}"`,
      b.declarations,
      b.beforeArrival,
      hours(b.delay.meanMinutes),
      hours(b.delay.p50Minutes),
      hours(b.delay.p90Minutes),
    ].join(','),
  );
  return `${[header, ...rows].join('\n')}\n`;
}

const escape = (text: string) =>
  text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/** A bar chart as inline SVG: one bar per day, an optional horizontal line (the target). */
function barChart(
  title: string,
  bars: readonly { label: string; value: number }[],
  unit: string,
  line?: number,
): string {
  const width = 680;
  const height = 180;
  const left = 44;
  const bottom = 24;
  const max = Math.max(1, line ?? 0, ...bars.map((b) => b.value)) * 1.1;
  const step = (width - left) / Math.max(1, bars.length);
  const y = (value: number) => height - bottom - (value / max) * (height - bottom - 8);
  const rects = bars
    .map((bar, i) => {
      const x = left + i * step + step * 0.15;
      const top = y(bar.value);
      return `<rect x="${x.toFixed(1)}" y="${top.toFixed(1)}" width="${(step * 0.7).toFixed(1)}" height="${(height - bottom - top).toFixed(1)}" fill="#2f6690"><title>${escape(bar.label)}: ${bar.value.toFixed(1)} ${unit}</title></rect>`;
    })
    .join('');
  const labels = bars
    .map((bar, i) =>
      i % Math.ceil(bars.length / 10) === 0
        ? `<text x="${(left + i * step + step / 2).toFixed(1)}" y="${height - 8}" font-size="9" text-anchor="middle">${escape(bar.label.slice(5))}</text>`
        : '',
    )
    .join('');
  const target =
    line === undefined
      ? ''
      : `<line x1="${left}" x2="${width}" y1="${y(line).toFixed(1)}" y2="${y(line).toFixed(1)}" stroke="#c0392b" stroke-dasharray="4 3"/><text x="${width - 4}" y="${(y(line) - 4).toFixed(1)}" font-size="9" text-anchor="end" fill="#c0392b">target ${line.toFixed(1)} ${unit}</text>`;
  const axis = `<text x="4" y="14" font-size="9">${(max / 1.1).toFixed(0)} ${unit}</text><line x1="${left}" x2="${width}" y1="${height - bottom}" y2="${height - bottom}" stroke="#555"/>`;
  return `<figure><figcaption>${escape(title)}</figcaption><svg role="img" aria-label="${escape(title)}" viewBox="0 0 ${width} ${height}" width="100%">${axis}${rects}${target}${labels}</svg></figure>`;
}

/** A one-page printable HTML report: key figures against the programme, the rows per direction, two charts. */
export function clearanceHtml(
  report: ClearanceReport,
  days: readonly DailyClearance[],
  brokers: BrokerTimelinessReport,
  generatedAt: string,
): string {
  const brokerRows = brokers.brokers
    .map(
      (b) =>
        `<tr><td>${b.rank}</td><th scope="row">${escape(b.brokerName)}</th><td>${b.declarations}</td><td>${b.beforeArrival}</td><td>${hours(b.delay.meanMinutes)}</td><td>${hours(b.delay.p90Minutes)}</td></tr>`,
    )
    .join('\n');
  const place = LOCATIONS.find((l) => l.locode === report.port);
  const name =
    place === undefined ? report.port : `${place.nameEn}${place.nameZh ? ` ${place.nameZh}` : ''} (${report.port})`;
  const all = report.rows[0];
  const verdict =
    report.gapMinutes === null
      ? 'no target for this port'
      : report.gapMinutes <= 0
        ? `on target (${hours(-report.gapMinutes)} h better)`
        : `behind target by ${hours(report.gapMinutes)} h`;
  const rows = report.rows
    .map(
      (row) =>
        `<tr><th scope="row">${row.direction}</th><td>${row.cleared.containers}</td><td>${row.cleared.teu}</td><td>${row.inspected}</td><td>${share(row.inspectionShare)}</td><td>${hours(row.clearance?.meanMinutes)}</td><td>${hours(row.clearance?.p50Minutes)}</td><td>${hours(row.clearance?.p90Minutes)}</td><td>${hours(row.clearance?.p99Minutes)}</td></tr>`,
    )
    .join('\n');
  const targetHours = report.target === null ? undefined : report.target.meanMinutes / 60;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Clearance time report ${escape(report.port)} ${escape(report.period)}</title>
<style>
  @page { size: A4; margin: 14mm; }
  body { font: 11px/1.4 system-ui, sans-serif; color: #111; max-width: 720px; margin: 0 auto; }
  h1 { font-size: 18px; margin: 0 0 2px; } p.sub { margin: 0 0 10px; color: #444; }
  .figures { display: flex; gap: 10px; margin: 8px 0; } .figures div { flex: 1; border: 1px solid #ccc; padding: 6px; }
  .figures b { display: block; font-size: 16px; }
  table { border-collapse: collapse; width: 100%; margin: 8px 0; } th, td { border-bottom: 1px solid #ddd; padding: 3px 5px; text-align: right; }
  th:first-child { text-align: left; } figure { margin: 8px 0; } figcaption { font-weight: 600; }
</style>
</head>
<body>
<h1>Overall clearance time: ${escape(name)}</h1>
<p class="sub">Period ${escape(report.period)} (China Standard Time). Clearance time runs from the container's first arrival at the port to its customs release. Generated ${escape(generatedAt)}.</p>
<div class="figures">
  <div>Containers released<b>${all.cleared.containers}</b>${all.cleared.teu} TEU</div>
  <div>Mean clearance time<b>${hours(all.clearance?.meanMinutes) || '—'} h</b>p90 ${hours(all.clearance?.p90Minutes) || '—'} h</div>
  <div>Baseline ${escape(report.baseline?.period ?? '')}<b>${hours(report.baseline?.meanMinutes) || '—'} h</b>target ${report.target === null ? '—' : `${hours(report.target.meanMinutes)} h (−${Math.round(report.target.reduction * 100)} % by ${escape(report.target.by)})`}</div>
  <div>Against the target<b>${escape(verdict)}</b>inspected ${share(all.inspectionShare)}</div>
</div>
<table>
<thead><tr><th scope="col">direction</th><th scope="col">released</th><th scope="col">TEU</th><th scope="col">inspected</th><th scope="col">share</th><th scope="col">mean h</th><th scope="col">p50 h</th><th scope="col">p90 h</th><th scope="col">p99 h</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
<p>Of the releases whose declaration is known: waiting for the declaration ${hours(all.awaitingDeclaration?.meanMinutes) || '—'} h on average, declaration to release ${hours(all.declarationToRelease?.meanMinutes) || '—'} h.</p>
${barChart(
  'Mean clearance time per day (hours)',
  days.map(({ day, report: daily }) => ({ label: day, value: (daily.rows[0].clearance?.meanMinutes ?? 0) / 60 })),
  'h',
  targetHours,
)}
${barChart(
  'Containers released per day',
  days.map(({ day, report: daily }) => ({ label: day, value: daily.rows[0].cleared.containers })),
  'containers',
)}
<table>
<caption>Customs brokers: declaration after the container's arrival (0 when lodged before)</caption>
<thead><tr><th scope="col">rank</th><th scope="col">broker</th><th scope="col">declarations</th><th scope="col">before arrival</th><th scope="col">mean h</th><th scope="col">p90 h</th></tr></thead>
<tbody>
${brokerRows}
</tbody>
</table>
</body>
</html>
`;
}

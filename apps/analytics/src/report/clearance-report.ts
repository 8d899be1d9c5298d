import type { StatisticsQueries } from '@mmt/analytics';
import { clearanceCsv, clearanceHtml, type DailyClearance } from './clearance-report-files';
import { daysOf } from '@mmt/analytics';

/** The periodic clearance-time report of a port, as CSV and as a printable HTML page. */
export async function clearanceReportFiles(
  queries: StatisticsQueries,
  port: string,
  period: string,
  generatedAt = new Date().toISOString(),
): Promise<{ csv: string; html: string }> {
  const days = daysOf(period);
  const report = await queries.clearanceReport(port, period);
  const daily: DailyClearance[] = [];
  for (const day of days) {
    daily.push({ day, report: await queries.clearanceReport(port, day) });
  }
  return { csv: clearanceCsv(report, daily), html: clearanceHtml(report, daily, generatedAt) };
}

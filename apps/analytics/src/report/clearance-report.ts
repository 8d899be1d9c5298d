import type { StatisticsQueries } from '@mmt/analytics';
import { brokersCsv } from './clearance-report-files';
import { clearanceCsv, clearanceHtml, type DailyClearance } from './clearance-report-files';
import { daysOf } from '@mmt/analytics';

/**
 * The periodic clearance-time report of a port, as CSV and as a printable HTML page, with the customs brokers'
 * declaration timeliness as a CSV of its own and a table on the page.
 */
export async function clearanceReportFiles(
  queries: StatisticsQueries,
  port: string,
  period: string,
  generatedAt = new Date().toISOString(),
): Promise<{ csv: string; html: string; brokersCsv: string }> {
  const days = daysOf(period);
  const report = await queries.clearanceReport(port, period);
  const brokers = await queries.brokerTimeliness(port, period);
  const daily: DailyClearance[] = [];
  for (const day of days) {
    daily.push({ day, report: await queries.clearanceReport(port, day) });
  }
  return {
    csv: clearanceCsv(report, daily),
    html: clearanceHtml(report, daily, brokers, generatedAt),
    brokersCsv: brokersCsv(brokers),
  };
}

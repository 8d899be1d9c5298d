/**
 * `npm run report -- --port CNQZH --period 2026-03 [--out reports]`: a port's clearance-time report for a day,
 * an ISO week or a month, written as `<out>/clearance-<port>-<period>.csv` and `.html` (one printable page).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { StatisticsQueries, StatisticsRepository } from '@mmt/analytics';
import { platformConfigFromEnv } from '@mmt/platform';
import { connectStore } from '@mmt/store';
import { clearanceReportFiles } from './clearance-report';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { port: { type: 'string' }, period: { type: 'string' }, out: { type: 'string' } },
  });
  if (values.port === undefined || values.period === undefined) {
    throw new Error('usage: npm run report -- --port CNQZH --period 2026-03 [--out reports]');
  }
  const store = await connectStore(platformConfigFromEnv().mongodbUri);
  try {
    const files = await clearanceReportFiles(
      new StatisticsQueries(new StatisticsRepository(store)),
      values.port,
      values.period,
    );
    const out = resolve(values.out ?? 'reports');
    mkdirSync(out, { recursive: true });
    const base = join(out, `clearance-${values.port}-${values.period}`);
    writeFileSync(`${base}.csv`, files.csv);
    writeFileSync(`${base}.html`, files.html);
    const brokers = join(out, `brokers-${values.port}-${values.period}.csv`);
    writeFileSync(brokers, files.brokersCsv);
    console.log(
      `report: wrote ${base}.csv, ${brokers} and ${base}.html (open the page in a browser to read or print it)`,
    );
  } finally {
    await store.close();
  }
}

main().catch((error: unknown) => {
  console.error(`report: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});

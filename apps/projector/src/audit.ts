/**
 * `npm run audit:log`: compares the event log with the stored journeys and statistics and reports every
 * difference, writing nothing. Exits 0 when they agree, 1 when any difference is found, 2 when it cannot run.
 * Safe while the services run, but a journey still being written shows as a difference: audit a drained
 * pipeline (or run it twice).
 */
import { platformConfigFromEnv } from '@mmt/platform';
import { connectStore } from '@mmt/store';
import { auditEventLog } from './audit-log';

/** Differences printed one a line; the rest are counted. */
const SHOWN = 200;

async function main(): Promise<number> {
  const store = await connectStore(platformConfigFromEnv().mongodbUri);
  try {
    const started = Date.now();
    const report = await auditEventLog(store, (containers) => {
      if (containers % 10_000 === 0) {
        console.error(`audit:log: ${containers.toLocaleString('en-US')} containers compared...`);
      }
    });
    for (const { kind, id, detail } of report.differences.slice(0, SHOWN)) {
      console.log(`${kind} ${id}: ${detail}`);
    }
    if (report.differences.length > SHOWN) {
      console.log(`... and ${report.differences.length - SHOWN} more differences`);
    }
    const byKind = new Map<string, number>();
    report.differences.forEach((d) => byKind.set(d.kind, (byKind.get(d.kind) ?? 0) + 1));
    console.log(
      `audit:log: ${report.events.toLocaleString('en-US')} events of ${report.containers.toLocaleString('en-US')} containers, ` +
        `${report.journeys.toLocaleString('en-US')} stored journeys, in ${((Date.now() - started) / 1000).toFixed(1)} s; ` +
        `${report.extraCopies} event versions logged more than once (harmless); ` +
        (report.differences.length === 0
          ? 'no differences'
          : `${report.differences.length} differences (${[...byKind].map(([k, n]) => `${k} ${n}`).join(', ')})`),
    );
    return report.differences.length === 0 ? 0 : 1;
  } finally {
    await store.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`audit:log: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(2);
  },
);

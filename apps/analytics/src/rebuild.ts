/** `npm run analytics:rebuild`: recompute the port office's statistics from the stored journeys. Stop the analytics service first. */
import { StatisticsRepository } from '@mmt/analytics';
import { platformConfigFromEnv } from '@mmt/platform';
import { connectStore, JourneysRepository } from '@mmt/store';
import { rebuildStatistics } from './rebuild-statistics';

async function main(): Promise<void> {
  const store = await connectStore(platformConfigFromEnv().mongodbUri);
  try {
    const started = Date.now();
    const statistics = new StatisticsRepository(store);
    await statistics.ensureIndexes();
    const report = await rebuildStatistics(new JourneysRepository(store), statistics, (journeys) =>
      process.stdout.write(`\ranalytics:rebuild: ${journeys.toLocaleString('en-US')} journeys added...`),
    );
    console.log(
      `\nanalytics:rebuild: statistics of ${report.journeys.toLocaleString('en-US')} journeys in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
  } finally {
    await store.close();
  }
}

main().catch((error: unknown) => {
  console.error(`analytics:rebuild: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});

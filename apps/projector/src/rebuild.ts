/** `npm run rebuild`: recompute every journey from the event log. Stop the projector first. */
import { platformConfigFromEnv } from '@mmt/platform';
import { connectStore, EventLogRepository, JourneysRepository } from '@mmt/store';
import { rebuildJourneys } from './rebuild-journeys';

async function main(): Promise<void> {
  const config = platformConfigFromEnv();
  const store = await connectStore(config.mongodbUri);
  try {
    const started = Date.now();
    const report = await rebuildJourneys(
      {
        eventLog: new EventLogRepository(store),
        journeys: new JourneysRepository(store),
      },
      (events) => console.log(`rebuild: ${events} events read...`),
    );
    console.log(
      `rebuild: ${report.events} events, ${report.containers} containers, ${report.journeys} journeys in ${((Date.now() - started) / 1000).toFixed(1)}s; ` +
        `${report.differing.length} stored journeys differed from the log${report.differing.length > 0 ? `: ${report.differing.slice(0, 10).join(', ')}` : ''}`,
    );
  } finally {
    await store.close();
  }
}

main().catch((error: unknown) => {
  console.error(`rebuild: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});

import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { jsonLogger, platformConfigFromEnv } from '@mmt/platform';
import { AnalyticsModule } from './analytics.module';

async function main(): Promise<void> {
  const logger = jsonLogger('analytics');
  const app = await NestFactory.createApplicationContext(AnalyticsModule.forRoot(platformConfigFromEnv()), { logger });
  app.enableShutdownHooks();
}

main().catch((error: unknown) => {
  console.error(`analytics: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});

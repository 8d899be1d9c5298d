import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { jsonLogger, platformConfigFromEnv } from '@mmt/platform';
import { AlertsModule } from './alerts.module';

async function main(): Promise<void> {
  const logger = jsonLogger('alerts');
  const app = await NestFactory.createApplicationContext(AlertsModule.forRoot(platformConfigFromEnv()), { logger });
  app.enableShutdownHooks();
}

main().catch((error: unknown) => {
  console.error(`alerts: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});

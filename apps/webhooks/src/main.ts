import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { jsonLogger, platformConfigFromEnv } from '@mmt/platform';
import { WebhooksModule } from './webhooks.module';

async function main(): Promise<void> {
  const logger = jsonLogger('webhooks');
  const app = await NestFactory.createApplicationContext(WebhooksModule.forRoot(platformConfigFromEnv()), { logger });
  app.enableShutdownHooks();
}

main().catch((error: unknown) => {
  console.error(`webhooks: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});

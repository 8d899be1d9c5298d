import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { jsonLogger, platformConfigFromEnv } from '@mmt/platform';
import { NormalizerModule } from './normalizer.module';

async function main(): Promise<void> {
  const logger = jsonLogger('normalizer');
  const app = await NestFactory.createApplicationContext(NormalizerModule.forRoot(platformConfigFromEnv()), { logger });
  app.enableShutdownHooks();
}

main().catch((error: unknown) => {
  console.error(`normalizer: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});

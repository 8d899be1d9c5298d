import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { jsonLogger, platformConfigFromEnv } from '@mmt/platform';
import { ProjectorModule } from './projector.module';

async function main(): Promise<void> {
  const logger = jsonLogger('projector');
  const app = await NestFactory.createApplicationContext(ProjectorModule.forRoot(platformConfigFromEnv()), { logger });
  app.enableShutdownHooks();
}

main().catch((error: unknown) => {
  console.error(`projector: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});

import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { jsonLogger, platformConfigFromEnv } from '@mmt/platform';
import { GatewayModule } from './gateway.module';
import { QUERY_LIMITS } from './limits/query-limits';

export const DEFAULT_GATEWAY_PORT = 4000;

/** Starts a gateway on `host:port` (port 0 picks a free one) and returns it with its GraphQL URL. */
export async function startGateway(
  module: ReturnType<typeof GatewayModule.forRoot>,
  port: number,
  quiet = false,
  host = '127.0.0.1',
) {
  const app = await NestFactory.create<NestExpressApplication>(module, {
    logger: quiet ? ['error'] : jsonLogger('gateway'),
    bodyParser: false,
  });
  app.useBodyParser('json', { limit: QUERY_LIMITS.maxPayloadBytes });
  app.enableShutdownHooks();
  await app.listen(port, host);
  const address = app.getHttpServer().address() as { port: number };
  return { app, url: `http://127.0.0.1:${address.port}/graphql` };
}

async function main(): Promise<void> {
  const port = Number(process.env.GATEWAY_PORT ?? DEFAULT_GATEWAY_PORT);
  const host = process.env.GATEWAY_HOST ?? '127.0.0.1';
  const { url } = await startGateway(GatewayModule.forRoot(platformConfigFromEnv()), port, false, host);
  console.log(`gateway: GraphQL at ${url} (subscriptions: ws://${url.slice('http://'.length)})`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(`gateway: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}

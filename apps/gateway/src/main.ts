import 'reflect-metadata';
import { existsSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { join } from 'node:path';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { METRICS } from '@mmt/metrics';
import { exitWithinGrace, logLine, platformConfigFromEnv, usePinoLogger } from '@mmt/platform';
import { INTERCHANGE_MEDIA_TYPES, MAX_POSTED_INTERCHANGE_BYTES } from './edi/interchanges.controller';
import { GatewayModule } from './gateway.module';
import { QUERY_LIMITS } from './limits/query-limits';
import { RateLimiter } from './limits/rate-limit';
import { rateLimitMiddleware } from './limits/rate-limit-http';
import { serveShareLinks } from './share/share-route';
import { serveUnsubscribeLinks } from './watchlist/unsubscribe-route';

export const DEFAULT_GATEWAY_PORT = 4000;
/** The built web app (npm run build:web), served at /app/. */
export const WEB_DIR = process.env.WEB_DIR ?? join(process.cwd(), 'dist', 'web');

/** Serves the web app at /app/ (and sends / there), or says how to build it when it is not built. */
function serveWebApp(app: NestExpressApplication): void {
  const express = app.getHttpAdapter().getInstance() as {
    get: (path: string, handler: (req: unknown, res: WebResponse) => void) => void;
  };
  express.get('/', (_req, res) => res.redirect('/app/'));
  if (existsSync(join(WEB_DIR, 'index.html'))) {
    app.useStaticAssets(WEB_DIR, { prefix: '/app/' });
    // Browsers ask for /favicon.ico on their own; the app's icon answers it.
    express.get('/favicon.ico', (_req, res) => res.type('image/svg+xml').sendFile(join(WEB_DIR, 'favicon.svg')));
  } else {
    express.get('/app/', (_req, res) =>
      res.status(503).type('text/plain').send(`The web app is not built: run npm run build:web (looked in ${WEB_DIR})`),
    );
  }
}

interface WebResponse {
  redirect(path: string): void;
  status(code: number): WebResponse;
  type(type: string): WebResponse;
  send(body: string): void;
  sendFile(path: string): void;
}

/** Adds each HTTP response's bytes to `mmt_gateway_bytes_sent_total`. */
function countBytesSent(_req: unknown, res: ServerResponse, next: () => void): void {
  res.once('finish', () => {
    const length = Number(res.getHeader('content-length') ?? 0);
    if (length > 0) {
      METRICS.bytesSent.inc({ transport: 'http' }, length);
    }
  });
  next();
}

/** Starts a gateway on `host:port` (port 0 picks a free one) and returns it with its GraphQL URL. */
export async function startGateway(
  module: ReturnType<typeof GatewayModule.forRoot>,
  port: number,
  quiet = false,
  host = '127.0.0.1',
) {
  const app = await NestFactory.create<NestExpressApplication>(module, {
    ...(quiet ? { logger: ['error' as const] } : { bufferLogs: true }),
    bodyParser: false,
  });
  app.use(countBytesSent);
  // Before the body parser: a request over its caller's limit costs no parsing and no store lookup.
  app.use(rateLimitMiddleware(app.get(RateLimiter)));
  app.useBodyParser('json', { limit: QUERY_LIMITS.maxPayloadBytes });
  // Interchanges as bytes, up to 8 MiB: one over the edi limit (1 MiB) is answered with a CONTRL rejection, not a 413.
  app.useBodyParser('raw', { type: INTERCHANGE_MEDIA_TYPES, limit: MAX_POSTED_INTERCHANGE_BYTES });
  if (!quiet) {
    usePinoLogger(app);
  }
  app.enableShutdownHooks();
  serveWebApp(app);
  serveShareLinks(app);
  serveUnsubscribeLinks(app);
  try {
    await app.listen(port, host);
  } catch (error) {
    // What started before the failure (consumers, connections) would otherwise keep running with no owner.
    await app.close().catch(() => undefined);
    throw error;
  }
  const address = app.getHttpServer().address() as { port: number };
  return { app, url: `http://127.0.0.1:${address.port}/graphql` };
}

async function main(): Promise<void> {
  const port = Number(process.env.GATEWAY_PORT ?? DEFAULT_GATEWAY_PORT);
  const host = process.env.GATEWAY_HOST ?? '127.0.0.1';
  const { app, url } = await startGateway(GatewayModule.forRoot(platformConfigFromEnv()), port, false, host);
  exitWithinGrace('gateway');
  const base = url.replace(/\/graphql$/, '');
  logLine('gateway', 'info', `gateway: GraphQL at ${url} (subscriptions: ws://${url.slice('http://'.length)})`, {
    graphql: url,
    web: `${base}/app/`,
    partnerApi: `${base}/v2/events`,
    openapi: `${base}/v2/openapi.yaml`,
  });
  logLine(
    'gateway',
    'info',
    `gateway: readiness at ${base}/health/ready, liveness at /health/live, metrics at /metrics`,
    {
      readiness: `${base}/health/ready`,
      liveness: `${base}/health/live`,
      metrics: `${base}/metrics`,
    },
  );
  const limiter = app.get(RateLimiter);
  logLine(
    'gateway',
    'info',
    limiter.enabled
      ? `gateway: rate limit per API key (or client address) in this process: ${limiter.describe()}`
      : 'gateway: rate limit off (GATEWAY_RATE_LIMIT_PER_MINUTE=0)',
    { rateLimit: limiter.settings },
  );
}

if (require.main === module) {
  main().catch((error: unknown) => {
    logLine('gateway', 'error', `gateway could not start: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}

import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { logLine, usePinoLogger } from './logger';
import { platformConfigFromEnv, type PlatformConfig } from './platform-config';
import { exitWithinGrace } from './shutdown-deadline';

/** The ops port of each service when OPS_PORT is not set: health and metrics, nothing else. */
export const DEFAULT_OPS_PORTS = {
  normalizer: 9101,
  projector: 9102,
  analytics: 9103,
  alerts: 9104,
  webhooks: 9105,
  edi: 9106,
} as const;

export type ServiceWithOpsPort = keyof typeof DEFAULT_OPS_PORTS;

/**
 * Runs a Kafka service as a process: its module, and a small HTTP server on OPS_HOST:OPS_PORT (default
 * 127.0.0.1 and the service's port above; 0 picks a free one) that serves `/health/live`, `/health/ready`
 * and `/metrics`. Prints where they are. Exits 1 with the cause when it cannot start.
 */
export function runService(
  service: ServiceWithOpsPort,
  moduleFor: (config: PlatformConfig) => DynamicModule,
  env: NodeJS.ProcessEnv = process.env,
): void {
  const start = async () => {
    const app = await NestFactory.create(moduleFor(platformConfigFromEnv(env)), { bufferLogs: true });
    usePinoLogger(app);
    app.enableShutdownHooks();
    exitWithinGrace(service, env);
    const host = env.OPS_HOST ?? '127.0.0.1';
    await app.listen(Number(env.OPS_PORT ?? DEFAULT_OPS_PORTS[service]), host);
    const { port } = (app.getHttpServer() as Server).address() as AddressInfo;
    const base = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`;
    logLine(
      service,
      'info',
      `${service}: readiness at ${base}/health/ready, liveness at /health/live, metrics at /metrics`,
      {
        readiness: `${base}/health/ready`,
        liveness: `${base}/health/live`,
        metrics: `${base}/metrics`,
      },
    );
  };
  start().catch((error: unknown) => {
    logLine(service, 'error', `${service} could not start: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error instanceof Error ? error.message : String(error),
    });
    process.exit(1);
  });
}

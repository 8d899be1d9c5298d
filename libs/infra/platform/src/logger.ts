import type { INestApplication } from '@nestjs/common';
import { Logger, LoggerModule } from 'nestjs-pino';
import { stdTimeFunctions } from 'pino';

/** The log level of every service: LOG_LEVEL (trace, debug, info, warn, error, fatal), info by default. */
export const LOG_LEVEL = process.env.LOG_LEVEL ?? 'info';

/**
 * Pino for a service's Nest logs: one JSON line per entry, with `service`, `level` as a word, an ISO `time`,
 * the logging class as `context`, and the fields each call gives (topic, partition, offset, containerNo,
 * journeyId...). HTTP requests are not logged one by one.
 */
export function loggerModule(service: string) {
  return LoggerModule.forRoot({
    pinoHttp: {
      level: LOG_LEVEL,
      base: { service, pid: process.pid },
      timestamp: stdTimeFunctions.isoTime,
      formatters: { level: (label: string) => ({ level: label }) },
      autoLogging: false,
    },
  });
}

/** Routes an app's Nest logs (buffered until here) to its pino logger. */
export function usePinoLogger(app: INestApplication): void {
  app.useLogger(app.get(Logger));
}

/** One JSON line on stdout in the services' log format, for what runs outside a Nest app (start-up lines). */
export function logLine(service: string, level: 'info' | 'warn' | 'error', msg: string, fields: object = {}): void {
  const line = JSON.stringify({ level, time: new Date().toISOString(), service, pid: process.pid, msg, ...fields });
  (level === 'error' ? process.stderr : process.stdout).write(`${line}\n`);
}

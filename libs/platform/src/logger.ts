import { ConsoleLogger } from '@nestjs/common';

/** One JSON line per log entry, with the service name, so logs can be searched at 3 a.m. */
export function jsonLogger(service: string): ConsoleLogger {
  return new ConsoleLogger(service, { json: true, colors: false });
}

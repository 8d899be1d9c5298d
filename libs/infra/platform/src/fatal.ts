import { Logger } from '@nestjs/common';
import type { PlatformConfig } from './platform-config';

/**
 * The handler for a failure a service cannot recover from in-process: one error line with the cause, then
 * `config.onFatal`, or exit code 1 so that a supervisor (npm start, compose `restart:`, systemd, Kubernetes)
 * starts the service afresh from its committed offsets.
 */
export function fatalHandler(config: PlatformConfig, service: string): (error: Error) => void {
  const logger = new Logger(service);
  return (error) => {
    logger.error({ message: `${service} stopped: its Kafka consumer crashed`, cause: error.message, name: error.name });
    if (config.onFatal !== undefined) {
      config.onFatal(error);
      return;
    }
    process.exit(1);
  };
}

/**
 * Where the platform's Kafka and MongoDB-compatible store are. Every service, script and test reads
 * them from here, so `KAFKA_BROKERS` and `MONGODB_URI` mean the same thing everywhere.
 */
export interface InfraConfig {
  /** `host:port` of each bootstrap broker. */
  readonly kafkaBrokers: readonly string[];
  /** A `mongodb://` or `mongodb+srv://` connection string that names a database. */
  readonly mongodbUri: string;
}

export const DEFAULT_KAFKA_BROKERS = '127.0.0.1:9092';
export const DEFAULT_MONGODB_URI = 'mongodb://127.0.0.1:27017/mmt';

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

const HOST_PORT = /^[A-Za-z0-9.-]+:\d{1,5}$/;

export function parseKafkaBrokers(value: string): string[] {
  const brokers = value
    .split(',')
    .map((b) => b.trim())
    .filter((b) => b.length > 0);
  if (brokers.length === 0) {
    throw new ConfigError('KAFKA_BROKERS is empty: give a comma-separated list of host:port, e.g. 127.0.0.1:9092');
  }
  for (const broker of brokers) {
    const port = Number(broker.split(':').pop());
    if (!HOST_PORT.test(broker) || port < 1 || port > 65535) {
      throw new ConfigError(`KAFKA_BROKERS: "${broker}" is not host:port (e.g. 127.0.0.1:9092)`);
    }
  }
  return brokers;
}

export function parseMongodbUri(value: string): string {
  const uri = value.trim();
  if (!/^mongodb(\+srv)?:\/\/[^/]+\/[^/?]+/.test(uri)) {
    throw new ConfigError(
      `MONGODB_URI: "${uri}" must be mongodb://host:port/<database> (a database name is required), e.g. ${DEFAULT_MONGODB_URI}`,
    );
  }
  return uri;
}

/** Reads and validates the infrastructure settings once; throws a ConfigError that says what to fix. */
export function loadInfraConfig(env: NodeJS.ProcessEnv = process.env): InfraConfig {
  return {
    kafkaBrokers: parseKafkaBrokers(env.KAFKA_BROKERS ?? DEFAULT_KAFKA_BROKERS),
    mongodbUri: parseMongodbUri(env.MONGODB_URI ?? DEFAULT_MONGODB_URI),
  };
}

/** True when the user points a setting at servers they run themselves, so nothing local is started. */
export function usesExternalKafka(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.KAFKA_BROKERS !== undefined && env.KAFKA_BROKERS.trim() !== '';
}

export function usesExternalStore(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.MONGODB_URI !== undefined && env.MONGODB_URI.trim() !== '';
}

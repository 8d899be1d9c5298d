import { loadInfraConfig } from '@mmt/config';

/** What every platform process needs to know: where Kafka and the store are, and its topic namespace. */
export interface PlatformConfig {
  readonly kafkaBrokers: readonly string[];
  readonly mongodbUri: string;
  /** Prefix of every topic and consumer group; empty in production, unique per test run. */
  readonly namespace: string;
}

export function platformConfigFromEnv(env: NodeJS.ProcessEnv = process.env): PlatformConfig {
  return { ...loadInfraConfig(env), namespace: '' };
}

/**
 * A config that shares the servers of `base` but has its own database and topic namespace, named after
 * `run`: for tests and benchmarks that must not see each other's data (or production's).
 */
export function isolatedPlatformConfig(base: PlatformConfig, run: string): PlatformConfig {
  const uri = new URL(base.mongodbUri);
  uri.pathname = `/${run.replace(/[^A-Za-z0-9]/g, '_')}`;
  return { ...base, mongodbUri: uri.toString(), namespace: `${run}.` };
}

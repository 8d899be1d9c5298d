import { loadInfraConfig } from '@mmt/config';

/** What every platform process needs to know: where Kafka and the store are, and its topic namespace. */
export interface PlatformConfig {
  readonly kafkaBrokers: readonly string[];
  readonly mongodbUri: string;
  /** Prefix of every topic and consumer group; empty in production, unique per test run. */
  readonly namespace: string;
  /**
   * What happens when a service can no longer do its work (its Kafka consumer crashed). Unset, the process
   * logs the cause and exits with 1, so that its supervisor restarts it; tests that run services inside
   * their own process observe the failure here instead.
   */
  readonly onFatal?: (error: Error) => void;
}

/**
 * The config of a service process: the servers from KAFKA_BROKERS / MONGODB_URI, and the topic namespace
 * from MMT_NAMESPACE (empty unless a test or a side-by-side run sets it).
 */
export function platformConfigFromEnv(env: NodeJS.ProcessEnv = process.env): PlatformConfig {
  return { ...loadInfraConfig(env), namespace: env.MMT_NAMESPACE ?? '' };
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

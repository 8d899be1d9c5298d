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

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { DEFAULT_KAFKA_BROKERS, DEFAULT_MONGODB_URI, loadInfraConfig } from './infra-config';

interface ComposeService {
  image?: string;
  build?: unknown;
  ports?: string[];
  environment?: Record<string, string | number>;
  depends_on?: Record<string, unknown> | string[];
}

const compose = parse(readFileSync(join(__dirname, '..', '..', '..', 'docker-compose.yml'), 'utf8')) as {
  services: Record<string, ComposeService>;
};
const services = compose.services;

/** Every variable a platform service reads; the compose file may set no other for them. */
const VARIABLES_THE_CODE_READS = [
  'KAFKA_BROKERS',
  'MONGODB_URI',
  'MMT_NAMESPACE',
  'GATEWAY_PORT',
  'GATEWAY_HOST',
  'MMT_CLEARANCE_PROGRAMMES',
];

describe('docker-compose.yml', () => {
  it('runs the official Apache Kafka image in KRaft mode, published where the code looks by default', () => {
    const kafka = services.kafka;
    expect(kafka.image).toMatch(/^apache\/kafka:4\.\d+\.\d+$/);
    expect(kafka.environment?.KAFKA_PROCESS_ROLES).toBe('broker,controller');
    expect(kafka.ports).toContain(`${DEFAULT_KAFKA_BROKERS.split(':')[1]}:9092`);
    expect(String(kafka.environment?.KAFKA_ADVERTISED_LISTENERS)).toContain(`HOST://${DEFAULT_KAFKA_BROKERS}`);
    expect(kafka.environment?.KAFKA_AUTO_CREATE_TOPICS_ENABLE).toBe('false');
  });

  it('starts each platform service from an entry point that exists', () => {
    for (const name of ['alerts', 'analytics', 'gateway', 'normalizer', 'projector', 'simulator']) {
      const command = (services[name] as { command?: string[] }).command ?? [];
      const entry = command.find((part) => part.endsWith('.ts'));
      expect(entry && existsSync(join(__dirname, '..', '..', '..', entry))).toBe(true);
    }
  });

  it('runs the real MongoDB 7, published where the code looks by default', () => {
    expect(services.mongo.image).toBe('mongo:7');
    expect(services.mongo.ports).toContain(`${new URL(DEFAULT_MONGODB_URI).port}:27017`);
  });

  it('gives each platform service only variables the code reads, pointing at the compose servers', () => {
    const platform = Object.entries(services).filter(([name]) => name !== 'kafka' && name !== 'mongo');
    expect(platform.map(([name]) => name).sort()).toEqual([
      'alerts',
      'analytics',
      'gateway',
      'normalizer',
      'projector',
      'simulator',
    ]);
    for (const [name, service] of platform) {
      const env = Object.fromEntries(Object.entries(service.environment ?? {}).map(([k, v]) => [k, String(v)]));
      expect({ name, unknown: Object.keys(env).filter((k) => !VARIABLES_THE_CODE_READS.includes(k)) }).toEqual({
        name,
        unknown: [],
      });
      const config = loadInfraConfig(env);
      expect(config.kafkaBrokers).toEqual(['kafka:29092']);
      expect(new URL(config.mongodbUri).host).toBe('mongo:27017');
    }
  });
});

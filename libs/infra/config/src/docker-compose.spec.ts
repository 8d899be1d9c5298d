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
  healthcheck?: { test?: string[] };
  profiles?: string[];
}

const ROOT = join(__dirname, '..', '..', '..', '..');
const compose = parse(readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
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
  'OPS_HOST',
  'OPS_PORT',
  'LOG_LEVEL',
  'MMT_CURSOR_KEY',
  'MMT_SECRETS_KEY',
  'SMTP_URL',
  'MAIL_FROM',
  'PUBLIC_URL',
];
/** Each service's health and metrics port (libs/infra/platform DEFAULT_OPS_PORTS; the gateway's own port). */
const OPS_PORTS: Record<string, number> = {
  normalizer: 9101,
  projector: 9102,
  analytics: 9103,
  alerts: 9104,
  webhooks: 9105,
  edi: 9106,
  gateway: 4000,
};

describe('docker-compose.yml', () => {
  it('runs the official Apache Kafka image in KRaft mode, published where the code looks by default', () => {
    const kafka = services.kafka;
    expect(kafka.image).toMatch(/^apache\/kafka:4\.\d+\.\d+$/);
    expect(kafka.environment?.KAFKA_PROCESS_ROLES).toBe('broker,controller');
    expect(kafka.ports).toContain(`${DEFAULT_KAFKA_BROKERS.split(':')[1]}:9092`);
    expect(String(kafka.environment?.KAFKA_ADVERTISED_LISTENERS)).toContain(`HOST://${DEFAULT_KAFKA_BROKERS}`);
    expect(kafka.environment?.KAFKA_AUTO_CREATE_TOPICS_ENABLE).toBe('false');
  });

  it('starts each platform service from its compiled entry point, built from a source that exists', () => {
    for (const name of [...Object.keys(OPS_PORTS), 'simulator']) {
      const command = (services[name] as { command?: string[] }).command ?? [];
      expect(command[0]).toBe('node');
      const entry = command[1];
      expect(entry).toBe(`dist/apps/${name}/src/main.js`);
      expect(existsSync(join(ROOT, entry.replace(/^dist\//, '').replace(/\.js$/, '.ts')))).toBe(true);
    }
  });

  it("checks each service's readiness on its ops port, and Prometheus (profile monitoring) scrapes them all", () => {
    for (const [name, port] of Object.entries(OPS_PORTS)) {
      expect(services[name].healthcheck?.test?.join(' ')).toContain(`http://127.0.0.1:${port}/health/ready`);
    }
    expect(services.prometheus.profiles).toEqual(['monitoring']);
    const prometheus = parse(readFileSync(join(ROOT, 'infra/prometheus/prometheus.yml'), 'utf8')) as {
      scrape_configs: { dns_sd_configs: { names: string[]; type: string; port: number }[] }[];
    };
    // By DNS, so that every replica of a service is scraped, not one of them.
    const scraped = prometheus.scrape_configs.flatMap((c) => c.dns_sd_configs.map((d) => [d.names.join(), d.port]));
    expect(Object.fromEntries(scraped)).toEqual(OPS_PORTS);
  });

  it('runs two projectors and two gateways, each gateway on its own host port', () => {
    const replicas = (name: string) => (services[name] as { deploy?: { replicas?: number } }).deploy?.replicas ?? 1;
    expect([replicas('projector'), replicas('gateway')]).toEqual([2, 2]);
    expect(services.gateway.ports).toEqual(['4000-4001:4000']);
  });

  it('runs the real MongoDB 7, published where the code looks by default', () => {
    expect(services.mongo.image).toBe('mongo:7');
    expect(services.mongo.ports).toContain(`${new URL(DEFAULT_MONGODB_URI).port}:27017`);
  });

  it('gives each platform service only variables the code reads, pointing at the compose servers', () => {
    const platform = Object.entries(services).filter(([name]) => !['kafka', 'mongo', 'prometheus'].includes(name));
    expect(platform.map(([name]) => name).sort()).toEqual([
      'alerts',
      'analytics',
      'edi',
      'gateway',
      'normalizer',
      'projector',
      'simulator',
      'webhooks',
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

import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ensureTopics } from '@mmt/kafka';
import { waitFor } from './support/graphql-client';
import { TestPipeline } from './support/pipeline';
import { infra } from './support/infra';
import { runServiceProcess, type ServiceProcess } from './support/service-process';

const REPO_ROOT = join(__dirname, '..');
const SERVICES = ['normalizer', 'projector', 'analytics', 'alerts', 'webhooks', 'gateway'];

/**
 * The production build as a user runs it: `npm run build` compiles every app to dist/, and each compiled app
 * runs with plain node (no TypeScript loader) and answers its readiness check on the real Kafka and store.
 */
describe('npm run build', () => {
  const pipeline = new TestPipeline('build');
  const running: ServiceProcess[] = [];

  afterAll(async () => {
    await Promise.all(running.map((service) => service.stop()));
    await pipeline.stop();
  });

  it('compiles every app, and each compiled app starts and is ready', async () => {
    const { stdout } = await promisify(execFile)('npm', ['run', 'build'], {
      cwd: REPO_ROOT,
      maxBuffer: 16 * 1024 * 1024,
    });
    expect(stdout).toMatch(/build: done in/);
    for (const service of [...SERVICES, 'simulator']) {
      expect(existsSync(join(REPO_ROOT, 'dist', 'apps', service, 'src', 'main.js'))).toBe(true);
    }
    expect(existsSync(join(REPO_ROOT, 'dist', 'apps', 'gateway', 'src', 'schema.graphql'))).toBe(true);
    expect(existsSync(join(REPO_ROOT, 'dist', 'web', 'index.html'))).toBe(true);

    await ensureTopics(pipeline.kafka, pipeline.topics.specs());
    const env = {
      KAFKA_BROKERS: infra.kafkaBrokers.join(','),
      MONGODB_URI: pipeline.config.mongodbUri,
      MMT_NAMESPACE: pipeline.config.namespace,
      GATEWAY_PORT: '0',
    };
    for (const service of SERVICES) {
      running.push(runServiceProcess(service, env, { compiled: true }));
    }
    for (const [i, service] of SERVICES.entries()) {
      const ops = await running[i].opsUrl();
      await waitFor(
        `compiled ${service} to be ready`,
        async () => (await fetch(`${ops}/health/ready`).catch(() => undefined))?.status === 200,
        90_000,
      );
      expect(running[i].output()).not.toMatch(/swc|ts-node/);
    }
    const gateway = await running[SERVICES.indexOf('gateway')].opsUrl();
    expect((await fetch(`${gateway}/v2/openapi.yaml`)).status).toBe(200);
    expect((await fetch(`${gateway}/app/`)).status).toBe(200);
  }, 300_000);

  it('runs an app for development with nest start <app>', async () => {
    const child = spawn('npx', ['nest', 'start', 'normalizer'], {
      cwd: REPO_ROOT,
      env: {
        ...process.env,
        KAFKA_BROKERS: infra.kafkaBrokers.join(','),
        MONGODB_URI: pipeline.config.mongodbUri,
        MMT_NAMESPACE: pipeline.config.namespace,
        OPS_PORT: '0',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    try {
      await waitFor(
        'nest start to print the readiness URL',
        () => /readiness at (http:\/\/[^/]+)\//.test(output),
        120_000,
      );
      const ops = /readiness at (http:\/\/[^/]+)\//.exec(output)![1];
      await waitFor(
        'the normalizer to be ready',
        async () => (await fetch(`${ops}/health/ready`).catch(() => undefined))?.status === 200,
        60_000,
      );
    } finally {
      process.kill(-child.pid!, 'SIGTERM');
    }
  }, 240_000);
});

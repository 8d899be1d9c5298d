/**
 * The project's test command: lint, type-check, then every jest suite against the real Kafka and store.
 * It brings up the local servers when they are not running (unless KAFKA_BROKERS / MONGODB_URI point
 * elsewhere) and takes down exactly what it started, also on Ctrl-C or failure.
 */
import { spawnSync } from 'node:child_process';
import { down, type Started, up } from './infra/infra';

function step(title: string, command: string, args: readonly string[]): void {
  console.log(`\n=== ${title}: ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit' });
  if (result.status !== 0) {
    throw new Error(`${title} failed (exit ${result.status ?? result.signal})`);
  }
}

async function main(): Promise<void> {
  const jestArgs = process.argv.slice(2);
  step('Lint', 'npx', ['eslint', '.']);
  step('Format', 'npx', ['prettier', '--check', '.']);
  step('Type-check', 'npx', ['tsc', '--noEmit']);
  step('Type-check the web app', 'npx', ['tsc', '--noEmit', '-p', 'apps/web']);
  step('Build the web app', 'node', ['-r', '@swc-node/register', 'scripts/build-web.ts']);

  console.log('\n=== Infrastructure');
  let started: Started = { kafka: false, store: false };
  const stopOnSignal = (signal: NodeJS.Signals) => {
    void down(started).finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  };
  process.once('SIGINT', stopOnSignal);
  process.once('SIGTERM', stopOnSignal);
  try {
    started = await up();
    if (jestArgs.length > 0) {
      step('Tests', 'npx', ['jest', ...jestArgs]);
    } else {
      // Two jest workers for the unit and integration suites; then the browser suites one at a time (see jest.config.js).
      step('Tests', 'npx', ['jest', '--selectProjects', 'unit', 'integration']);
      step('Browser tests', 'npx', ['jest', '--selectProjects', 'browser', '--runInBand']);
    }
  } finally {
    if (started.kafka || started.store) {
      console.log('\n=== Taking down what this run started');
      await down(started);
    }
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`\ntest: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);

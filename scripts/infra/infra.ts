import { installBrowser } from './browser';
import { loadInfraConfig, usesExternalKafka, usesExternalStore } from '@mmt/config';
import { installKafka, kafkaProcess, pingKafka, startKafka, stopKafka, wipeKafkaData } from './kafka-server';
import { runningPid } from './processes';
import { installStore, pingStore, startStore, stopStore, storeProcess, wipeStoreData } from './store-server';

/** What `up` started, so that a caller (the test command) takes down exactly that and nothing else. */
export interface Started {
  readonly kafka: boolean;
  readonly store: boolean;
}

export function install(): void {
  installKafka();
  installStore();
  installBrowser();
}

/** Runs `work` and prints the label with what it returned and how long it took, e.g. "Kafka on …: started (3.1s)". */
async function timed<T extends string>(label: string, work: () => Promise<T>): Promise<T> {
  const start = Date.now();
  const result = await work();
  const outcome = result === 'running' ? 'already running, left as it is' : result;
  console.log(`${label}: ${outcome} (${((Date.now() - start) / 1000).toFixed(1)}s)`);
  return result;
}

/** Starts the local Kafka and store unless KAFKA_BROKERS / MONGODB_URI point elsewhere; idempotent. */
export async function up(env: NodeJS.ProcessEnv = process.env): Promise<Started> {
  const config = loadInfraConfig(env);
  let kafka = false;
  let store = false;
  if (usesExternalKafka(env)) {
    await timed(`Kafka at KAFKA_BROKERS=${config.kafkaBrokers.join(',')} (external, not started locally)`, () =>
      pingKafka(config.kafkaBrokers).then(() => 'answering'),
    );
  } else {
    kafka = (await timed('Kafka on 127.0.0.1:9092', startKafka)) === 'started';
  }
  if (usesExternalStore(env)) {
    await timed(`Store at MONGODB_URI (external, not started locally)`, () =>
      pingStore(config.mongodbUri).then((version) => `answering, reports MongoDB ${version}`),
    );
  } else {
    store = (await timed('Store (SecantusDB) on 127.0.0.1:27017', startStore)) === 'started';
  }
  return { kafka, store };
}

/** Stops what this project started locally: everything, or only what `started` names. */
export async function down(started: Started = { kafka: true, store: true }): Promise<void> {
  if (started.kafka) {
    console.log((await stopKafka()) ? 'Kafka: stopped' : 'Kafka: was not running');
  }
  if (started.store) {
    console.log((await stopStore()) ? 'Store: stopped' : 'Store: was not running');
  }
}

export function wipe(): void {
  if (runningPid(kafkaProcess) !== undefined || runningPid(storeProcess) !== undefined) {
    throw new Error('Refusing to wipe data while the local servers run: run `npm run infra:down` first.');
  }
  wipeKafkaData();
  wipeStoreData();
  console.log('Local Kafka and store data wiped');
}

export async function status(env: NodeJS.ProcessEnv = process.env): Promise<boolean> {
  const config = loadInfraConfig(env);
  const kafkaPid = runningPid(kafkaProcess);
  const storePid = runningPid(storeProcess);
  const kafkaAnswer = await pingKafka(config.kafkaBrokers).then(
    (topics) => `answering, ${topics.length} topics`,
    (error: Error) => `not answering (${error.message})`,
  );
  const storeAnswer = await pingStore(config.mongodbUri).then(
    (version) => `answering, reports MongoDB ${version}`,
    (error: Error) => `not answering (${error.message})`,
  );
  const where = (pid: number | undefined, external: boolean) =>
    external ? 'external' : pid === undefined ? 'local, not running' : `local, pid ${pid}`;
  console.log(`Kafka ${config.kafkaBrokers.join(',')}: ${where(kafkaPid, usesExternalKafka(env))}, ${kafkaAnswer}`);
  console.log(`Store ${new URL(config.mongodbUri).host}: ${where(storePid, usesExternalStore(env))}, ${storeAnswer}`);
  return kafkaAnswer.startsWith('answering') && storeAnswer.startsWith('answering');
}

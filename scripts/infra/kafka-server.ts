import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { DEFAULT_KAFKA_BROKERS } from '@mmt/config';
import { kafkaDirs, REPO_ROOT } from './local-dirs';
import { type ManagedProcess, runOrFail, runningPid, startDetached, stopProcess, waitUntilReady } from './processes';

const POM = join(REPO_ROOT, 'infra', 'kafka', 'pom.xml');
const PROPERTIES_TEMPLATE = join(REPO_ROOT, 'infra', 'kafka', 'server.properties.template');
const LOG4J_CONFIG = join(REPO_ROOT, 'infra', 'kafka', 'log4j2.properties');
const BROKER_ADDRESS = DEFAULT_KAFKA_BROKERS;
const CONTROLLER_PORT = 9093;
const MAIN_CLASS = 'kafka.Kafka';

export const kafkaProcess: ManagedProcess = {
  name: 'Kafka',
  pidFile: kafkaDirs.pid,
  logFile: kafkaDirs.log,
  marker: kafkaDirs.properties,
};

/** Fetches the broker's jars from Maven Central once; a second run with the same pom is a no-op. */
export function installKafka(): void {
  const pom = readFileSync(POM, 'utf8');
  if (existsSync(kafkaDirs.libsStamp) && readFileSync(kafkaDirs.libsStamp, 'utf8') === pom) {
    console.log(`Kafka jars: cached in ${kafkaDirs.libs}`);
    return;
  }
  console.log('Kafka jars: resolving from Maven Central (first run only)...');
  rmSync(kafkaDirs.libs, { recursive: true, force: true });
  runOrFail(
    'mvn',
    [
      '-q',
      '-B',
      '-Dstyle.color=never',
      '-f',
      POM,
      'dependency:copy-dependencies',
      '-DincludeScope=runtime',
      `-DoutputDirectory=${kafkaDirs.libs}`,
    ],
    REPO_ROOT,
    'Kafka jars',
  );
  writeFileSync(kafkaDirs.libsStamp, pom);
  console.log(
    `Kafka jars: ${readdirSync(kafkaDirs.libs).filter((f) => f.endsWith('.jar')).length} jars in ${kafkaDirs.libs}`,
  );
}

/** The broker's settings for these ports and data directory (the project's template). */
export function kafkaProperties(brokerPort: number, controllerPort: number, dataDir: string): string {
  return readFileSync(PROPERTIES_TEMPLATE, 'utf8')
    .replaceAll('${BROKER_PORT}', String(brokerPort))
    .replaceAll('${CONTROLLER_PORT}', String(controllerPort))
    .replaceAll('${DATA_DIR}', dataDir);
}

function writeProperties(): void {
  mkdirSync(kafkaDirs.root, { recursive: true });
  writeFileSync(
    kafkaDirs.properties,
    kafkaProperties(Number(BROKER_ADDRESS.split(':')[1]), CONTROLLER_PORT, kafkaDirs.data),
  );
}

/** The `java` arguments that run one of the broker's main classes with the project's jars. */
export function kafkaJava(mainClass: string, args: readonly string[]): string[] {
  return [
    '-Xms256m',
    '-Xmx512m',
    `-Dlog4j2.configurationFile=${LOG4J_CONFIG}`,
    '-cp',
    `${kafkaDirs.libs}/*`,
    mainClass,
    ...args,
  ];
}

/** Formats the KRaft storage the first time; a formatted directory is left as it is. */
function formatStorageOnce(): void {
  if (existsSync(join(kafkaDirs.data, 'meta.properties'))) {
    return;
  }
  let clusterId = randomBytes(16).toString('base64url');
  while (clusterId.startsWith('-')) {
    clusterId = randomBytes(16).toString('base64url');
  }
  runOrFail(
    'java',
    kafkaJava('kafka.tools.StorageTool', ['format', '-t', clusterId, '-c', kafkaDirs.properties, '--standalone']),
    kafkaDirs.root,
    'Kafka storage format',
    true,
  );
}

export async function pingKafka(brokers: readonly string[] = [BROKER_ADDRESS]): Promise<string[]> {
  const admin = new Kafka({
    clientId: 'mmt-infra-probe',
    brokers: [...brokers],
    logLevel: logLevel.NOTHING,
    connectionTimeout: 1000,
    requestTimeout: 2000,
    retry: { retries: 0 },
  }).admin();
  try {
    await admin.connect();
    return await admin.listTopics();
  } finally {
    await admin.disconnect();
  }
}

export async function startKafka(): Promise<'started' | 'running'> {
  if (runningPid(kafkaProcess) !== undefined) {
    await pingKafka();
    return 'running';
  }
  if (!existsSync(kafkaDirs.libsStamp)) {
    throw new Error('Kafka jars are missing: run the set-up command (npm run setup) first.');
  }
  if (
    await pingKafka().then(
      () => true,
      () => false,
    )
  ) {
    throw new Error(
      `Something not started by this project already answers on ${BROKER_ADDRESS}. Stop it, or point KAFKA_BROKERS at it to use it instead.`,
    );
  }
  writeProperties();
  formatStorageOnce();
  const pid = startDetached(kafkaProcess, 'java', kafkaJava(MAIN_CLASS, [kafkaDirs.properties]), kafkaDirs.root);
  await waitUntilReady(kafkaProcess, pid, async () => void (await pingKafka()), 90_000);
  return 'started';
}

export function stopKafka(): Promise<boolean> {
  return stopProcess(kafkaProcess);
}

export function wipeKafkaData(): void {
  rmSync(kafkaDirs.data, { recursive: true, force: true });
}

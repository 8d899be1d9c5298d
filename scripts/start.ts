/**
 * `npm start`: the whole platform on one machine. Brings up the local Kafka and store (unless
 * KAFKA_BROKERS / MONGODB_URI point elsewhere), creates the topics, starts the normalizer, projector, analytics,
 * alerts, webhooks, edi and gateway, runs the simulator's demo feed, and prints where to look. Without SMTP_URL, the
 * notification e-mails go to a local mail sink that keeps them in .local/mail/. Ctrl-C stops everything it started.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { TOPICS } from '@mmt/contracts';
import { createKafka, ensureTopics, TopicNames } from '@mmt/kafka';
import { platformConfigFromEnv } from '@mmt/platform';
import { DEFAULT_SIMULATION } from '@mmt/simulator';
import { connectStore, JourneysRepository } from '@mmt/store';
import { ApiKeysRepository } from '@mmt/access';
import { down, type Started, up } from './infra/infra';
import { LOCAL_DIR, REPO_ROOT } from './infra/local-dirs';
import { startMailSink, type MailSink } from './mail-sink';
import { Supervisor } from './supervisor';

const LOG_DIR = join(LOCAL_DIR, 'logs');
const MAIL_DIR = join(LOCAL_DIR, 'mail');
const SERVICES = ['normalizer', 'projector', 'analytics', 'alerts', 'webhooks', 'edi', 'gateway'] as const;
const GATEWAY_URL = 'http://127.0.0.1:4000/graphql';
const WEB_URL = 'http://127.0.0.1:4000/app/';
const DEMO_KEYS = [
  { role: 'PORT_OFFICE', orgId: 'PORT-CQ', name: 'Demo port logistics office' },
  { role: 'SHIPPER', orgId: 'org-cq-electronics', name: 'Demo shipper' },
  { role: 'PARTNER', orgId: 'org-de-rheinruhr', name: 'Demo partner platform' },
  // Sends UN/EDIFACT interchanges from QZPORTEDI to POST /edi/interchanges (docs/edi.md).
  { role: 'SOURCE_SYSTEM', orgId: 'org-qz-port', name: 'Demo Qinzhou port EDI centre', source: 'LAND_SEA_CORRIDOR' },
] as const;
const DEMO_FEED = ['--journeys', '120', '--rate', '300', '--shuffle', '0.2', '--duplicates', '0.1'];
const DEMO_DISORDER = ['--late-manifests', '0.3', '--conveyance-reports', '--invalid', '0.02'];

function runTs(name: string, script: string, args: readonly string[] = [], toLog = true): ChildProcess {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', script, ...args], {
    cwd: REPO_ROOT,
    stdio: toLog ? ['ignore', 'pipe', 'pipe'] : 'inherit',
  });
  if (toLog) {
    const log = createWriteStream(join(LOG_DIR, `${name}.log`), { flags: 'a' });
    child.stdout?.pipe(log);
    child.stderr?.pipe(log);
  }
  return child;
}

/** Waits until the journey count stops changing, then says how many journeys the platform tracks. */
async function reportWhenDrained(mongodbUri: string): Promise<void> {
  const store = await connectStore(mongodbUri);
  try {
    const journeys = new JourneysRepository(store);
    let last = -1;
    let count = await journeys.count();
    while (count !== last) {
      last = count;
      await new Promise((resolve) => setTimeout(resolve, 3000));
      count = await journeys.count();
      console.log(`Projected: ${count} journeys so far...`);
    }
    console.log(`Projected: ${count} journeys in the store.`);
  } finally {
    await store.close();
  }
}

/** A fresh key per role for this run; printed once, as keys are stored hashed. */
async function createDemoKeys(mongodbUri: string): Promise<string[]> {
  const store = await connectStore(mongodbUri);
  try {
    const keys = new ApiKeysRepository(store);
    const lines: string[] = [];
    for (const input of DEMO_KEYS) {
      const { apiKey } = await keys.create(input);
      lines.push(`  ${input.role.padEnd(13)} ${input.orgId.padEnd(20)} ${apiKey}`);
    }
    return lines;
  } finally {
    await store.close();
  }
}

async function main(): Promise<void> {
  mkdirSync(LOG_DIR, { recursive: true });
  let started: Started = { kafka: false, store: false };
  let mailSink: MailSink | undefined;
  const supervisors: Supervisor[] = [];
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) {
      return;
    }
    stopping = true;
    console.log('\nstart: stopping the services...');
    await Promise.all(supervisors.map((s) => s.stop()));
    await mailSink?.close();
    await down(started);
    process.exit(code);
  };
  process.once('SIGINT', () => void stop(0));
  process.once('SIGTERM', () => void stop(0));

  started = await up();
  const config = platformConfigFromEnv();
  const created = await ensureTopics(
    createKafka('start', config.kafkaBrokers),
    new TopicNames(config.namespace).specs(),
  );
  console.log(`Topics: ${created.length > 0 ? `created ${created.join(', ')}` : 'all present'}`);

  // The demo's webhook receiver (npm run webhook:receiver) listens on 127.0.0.1 over http, which callbacks may
  // reach only when WEBHOOK_ALLOWED_HOSTS names it; the services started here inherit it. Production leaves it empty.
  process.env.WEBHOOK_ALLOWED_HOSTS ??= '127.0.0.1';

  // The notification e-mails: to the SMTP server named, else to a local sink that keeps each as an .eml file.
  if ((process.env.SMTP_URL ?? '').trim() === '') {
    mailSink = await startMailSink(MAIL_DIR);
    process.env.SMTP_URL = mailSink.url;
  }

  // A service that exits (its consumer crashed, its store went away) is started again from its committed
  // offsets, after a pause that doubles while it keeps failing.
  for (const service of SERVICES) {
    const logFile = join(LOG_DIR, `${service}.log`);
    const supervisor = new Supervisor({
      name: service,
      spawn: () => runTs(service, `apps/${service}/src/main.ts`),
      logFile,
      say: (line) => console.error(`start: ${line}`),
    });
    supervisor.start();
    supervisors.push(supervisor);
    console.log(`Started ${service} (pid ${supervisor.pid}), log ${logFile}`);
  }

  const demoKeys = await createDemoKeys(config.mongodbUri);
  console.log('\nDemo feed:');
  const feed = runTs('simulator', 'apps/simulator/src/main.ts', [...DEMO_FEED, ...DEMO_DISORDER], false);
  await new Promise((resolve) => feed.once('exit', resolve));
  await reportWhenDrained(config.mongodbUri);

  console.log(`
The platform is running. Where to look:
  web app       ${WEB_URL}#/dashboard?period=${DEFAULT_SIMULATION.start.slice(0, 7)} (port office dashboard, PORT_OFFICE key)
                ${WEB_URL}#/home (a shipper's active shipments, watchlist and notifications, SHIPPER key)
                ${WEB_URL}#/track (a container's journey, SHIPPER or PARTNER key)
  GraphQL       ${GATEWAY_URL} (subscriptions over graphql-ws at ws://127.0.0.1:4000/graphql)
  demo API keys (send as the x-api-key header, or apiKey in connectionParams):
${demoKeys.join('\n')}
  journeys      MongoDB ${config.mongodbUri}, collection "journeys" (e.g. npx mongosh ${config.mongodbUri})
  event log     collection "events"; journey updates on Kafka topic ${TOPICS.journeyUpdates}
  statistics    GraphQL corridorStats, hubStats, clearanceReport (PORT_OFFICE key); collections "stats_buckets", "stats_days"
  alerts        GraphQL alerts, notices, timeLimits, subscriptions alertRaised, noticeIssued; Kafka topics ${TOPICS.alerts}, ${TOPICS.notices}
  partner API   http://127.0.0.1:4000/v2/events and /v2/event-subscriptions (DCSA Track & Trace 2.2, any key;
                OpenAPI at http://127.0.0.1:4000/v2/openapi.yaml; try a webhook with npm run webhook:receiver:
                callbacks may go to ${process.env.WEBHOOK_ALLOWED_HOSTS} over http, elsewhere to public https only)
  report        npm run report -- --port CNQZH --period <YYYY-MM> (CSV and a printable page in reports/)
  health        readiness at http://127.0.0.1:<port>/health/ready (liveness /health/live) and Prometheus metrics
                at /metrics: normalizer 9101, projector 9102, analytics 9103, alerts 9104, webhooks 9105, edi 9106,
                gateway 4000
  e-mail        notifications of followed containers (web app #/home) go to ${mailSink === undefined ? process.env.SMTP_URL?.replace(/\/\/[^@/]*@/, '//') : `a local sink: one .eml file each in ${MAIL_DIR}`}
  EDIFACT       interchanges on Kafka topic ${TOPICS.rawEdifact}, answers (CONTRL, APERAK) on ${TOPICS.ediReplies};
                or POST http://127.0.0.1:4000/edi/interchanges with the SOURCE_SYSTEM key (see docs/edi.md)
  dead letters  Kafka topic ${TOPICS.deadLetter} (invalid input, with its reason)
  logs          ${LOG_DIR}
  more traffic  npm run simulate -- --journeys 50 --seed 2
Press Ctrl-C to stop everything this command started.`);
}

main().catch((error: unknown) => {
  console.error(`start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});

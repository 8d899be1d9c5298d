/**
 * The feed simulator: generates realistic raw traffic over the three corridors and sends it to the raw topics.
 *   npm run simulate -- --journeys 300 --rate 500 --shuffle 0.2 --duplicates 0.1 --late-manifests 0.3 \
 *     --conveyance-reports --invalid 0.02 --schedule-changes 0.3 --seed 7 [--format edifact]
 * With `--format edifact` the loading, in-transit and manifest messages go to raw.edifact.v1 as UN/EDIFACT
 * interchanges (COARRI, CODECO, IFTSTA, CUSCAR), for the edi service to map; waybills and schedules stay JSON.
 */
import { parseArgs } from 'node:util';
import { CORRIDORS, TOPICS } from '@mmt/contracts';
import { createKafka, ensureTopics, TopicNames } from '@mmt/kafka';
import { platformConfigFromEnv } from '@mmt/platform';
import { asEdifact, DEFAULT_SIMULATION, simulate, type SimulationOptions } from '@mmt/simulator';
import { sendSimulation } from './send-simulation';

function share(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) {
    return fallback;
  }
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed < 0 || parsed > 1) {
    throw new Error(`--${name} must be a share between 0 and 1, got "${value}"`);
  }
  return parsed;
}

function count(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) {
    return fallback;
  }
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0) {
    throw new Error(`--${name} must be a whole number, got "${value}"`);
  }
  return parsed;
}

/** How the traffic is sent: the platform's JSON raw messages, or UN/EDIFACT interchanges where a mapping exists. */
export const FEED_FORMATS = ['json', 'edifact'] as const;
export type FeedFormat = (typeof FEED_FORMATS)[number];

function feedFormat(value: string | undefined): FeedFormat {
  const format = (value ?? 'json') as FeedFormat;
  if (!FEED_FORMATS.includes(format)) {
    throw new Error(`--format must be ${FEED_FORMATS.join(' or ')}, got "${value}"`);
  }
  return format;
}

export function parseSimulatorArgs(args: readonly string[]): {
  options: SimulationOptions;
  rate: number;
  format: FeedFormat;
} {
  const { values } = parseArgs({
    args: [...args],
    options: {
      journeys: { type: 'string' },
      seed: { type: 'string' },
      start: { type: 'string' },
      rate: { type: 'string' },
      shuffle: { type: 'string' },
      duplicates: { type: 'string' },
      'late-manifests': { type: 'string' },
      'conveyance-reports': { type: 'boolean' },
      invalid: { type: 'string' },
      'schedule-changes': { type: 'string' },
      format: { type: 'string' },
    },
    strict: true,
  });
  return {
    rate: count('rate', values.rate, 500),
    format: feedFormat(values.format),
    options: {
      ...DEFAULT_SIMULATION,
      journeys: count('journeys', values.journeys, DEFAULT_SIMULATION.journeys),
      seed: count('seed', values.seed, DEFAULT_SIMULATION.seed),
      start: values.start ?? DEFAULT_SIMULATION.start,
      shuffle: share('shuffle', values.shuffle, DEFAULT_SIMULATION.shuffle),
      duplicates: share('duplicates', values.duplicates, DEFAULT_SIMULATION.duplicates),
      lateManifests: share('late-manifests', values['late-manifests'], DEFAULT_SIMULATION.lateManifests),
      conveyanceReports: values['conveyance-reports'] ?? DEFAULT_SIMULATION.conveyanceReports,
      invalid: share('invalid', values.invalid, DEFAULT_SIMULATION.invalid),
      scheduleChanges: share('schedule-changes', values['schedule-changes'], DEFAULT_SIMULATION.scheduleChanges ?? 0),
    },
  };
}

async function main(): Promise<void> {
  const { options, rate, format } = parseSimulatorArgs(process.argv.slice(2));
  const config = platformConfigFromEnv();
  const simulation = simulate(options);
  const corridors = CORRIDORS.map((c) => `${c} ${simulation.journeysByCorridor[c]}`).join(', ');
  console.log(
    `simulator: ${options.journeys} journeys (${corridors}), ${simulation.containers.length} containers, ` +
      `${simulation.messages.length} messages (${simulation.messages.filter((m) => !m.valid).length} invalid), seed ${options.seed}`,
  );
  const kafka = createKafka('simulator', config.kafkaBrokers);
  const topics = new TopicNames(config.namespace);
  await ensureTopics(kafka, topics.specs());
  let lastPrint = 0;
  const feed = format === 'edifact' ? asEdifact(simulation.messages) : simulation.messages;
  if (format === 'edifact') {
    console.log(
      `simulator: ${feed.filter((m) => m.topic === TOPICS.rawEdifact).length} messages as UN/EDIFACT interchanges`,
    );
  }
  await sendSimulation(kafka, topics, feed, {
    rate,
    onProgress: (sent, total) => {
      if (Date.now() - lastPrint > 1000 || sent === total) {
        lastPrint = Date.now();
        console.log(`simulator: sent ${sent}/${total} (${Math.round((100 * sent) / total)}%)`);
      }
    },
  });
  console.log('simulator: done');
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(`simulator: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}

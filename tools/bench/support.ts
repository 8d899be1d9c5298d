/** What the benchmarks that run the real services share: starting and stopping them, offsets, the feed. */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdirSync, openSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Kafka } from 'kafkajs';
import { simulate, type Simulation, type SimulationOptions } from '@mmt/simulator';
import { LOCAL_DIR, REPO_ROOT, storeDirs } from '../../scripts/infra/local-dirs';
import { runningPid } from '../../scripts/infra/processes';
import { storeProcess } from '../../scripts/infra/store-server';

const DAY_MS = 86_400_000;
export const rate = (n: number, ms: number) => Math.round((n / ms) * 1000);
export const seconds = (ms: number) => `${(ms / 1000).toFixed(1)}s`;

/** The value at percentile `p` of ascending `sorted` values (nearest rank below); NaN when there are none. */
export function percentile(sorted: readonly number[], p: number): number {
  return sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** The services this run started: stopped on the way out, whatever ended the run. */
export const running: ChildProcess[] = [];

/** Runs a benchmark's main: exits 0 when it ends, or says why it failed, stops the services it started and exits 1. */
export function runBench(main: () => Promise<void>): void {
  main().then(
    () => process.exit(0),
    async (error: unknown) => {
      console.error(`bench: ${error instanceof Error ? error.message : String(error)}`);
      await Promise.all(running.map(stopService));
      process.exit(1);
    },
  );
}

export async function offsetTotals(kafka: Kafka, groupId: string, topics: readonly string[]) {
  const admin = kafka.admin();
  await admin.connect();
  try {
    let committed = 0;
    let end = 0;
    for (const group of await admin.fetchOffsets({ groupId, topics: [...topics] })) {
      committed += group.partitions.reduce((sum, p) => sum + Math.max(0, Number(p.offset)), 0);
    }
    for (const topic of topics) {
      end += (await admin.fetchTopicOffsets(topic)).reduce((sum, p) => sum + Number(p.high), 0);
    }
    return { committed, end };
  } finally {
    await admin.disconnect();
  }
}

/** Where a benchmark's service writes its log (JSON lines). */
export const serviceLogFile = (service: string) => join(LOCAL_DIR, 'logs', `bench-${service}.log`);

/** The fields of each line of a service's log whose message (`msg`, or `message` from Nest's logger) is `text`. */
export function logLines(service: string, text: string): Record<string, unknown>[] {
  return readFileSync(serviceLogFile(service), 'utf8')
    .split('\n')
    .filter((line) => line.includes(text))
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .filter((fields) => fields.msg === text || fields.message === text);
}

/**
 * Starts a service as its own process, logging to .local/logs. With BENCH_CPU_PROFILE=<dir> it writes a CPU
 * profile there when it exits (open it in Chrome's DevTools), to see where a benchmark's time goes.
 */
export function startService(service: string, env: Record<string, string>): ChildProcess {
  const logFile = serviceLogFile(service);
  mkdirSync(dirname(logFile), { recursive: true });
  const log = openSync(logFile, 'w');
  console.log(`bench: ${service} logs to ${logFile}`);
  const profileDir = process.env.BENCH_CPU_PROFILE;
  const profile = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
  return spawn(process.execPath, [...profile, '-r', '@swc-node/register', `apps/${service}/src/main.ts`], {
    cwd: REPO_ROOT,
    env: { ...process.env, OPS_PORT: '0', ...env },
    stdio: ['ignore', log, log],
  });
}

export async function stopService(child: ChildProcess): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
}

/** The CPU time a process has used so far (user and system), in milliseconds, read from /proc. */
export function processCpuMs(pid: number | undefined): number {
  // The fields after the command's closing parenthesis; utime and stime are the 12th and 13th, in clock ticks.
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  const ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }));
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond;
}

/** A process's memory now (VmRSS) and at its peak (VmHWM), in MB, read from /proc. */
export function processMemoryMb(pid: number | undefined): { now: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? NaN);
  return { now: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}

/** Memory and disk of the local store, when this project runs it. */
export function storeFootprint(): string {
  const pid = runningPid(storeProcess);
  if (pid === undefined) {
    return 'external store: not measured';
  }
  const rss = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  const disk = execFileSync('du', ['-sb', storeDirs.data], { encoding: 'utf8' }).split('\t')[0];
  return `memory (RSS) ${Math.round(Number(rss) / 1024)} MB, data on disk ${Math.round(Number(disk) / 1024 / 1024)} MB`;
}

/**
 * The simulation, started early enough that its last message was sent a day ago at the latest: the normalizer
 * dead-letters messages sent after they were received (beyond a clock tolerance), and a large feed spans years.
 */
export function simulateInThePast(options: SimulationOptions): Simulation {
  const simulation = simulate(options);
  const lastSentAt = simulation.validMessages.reduce((last, m) => Math.max(last, Date.parse(m.sentAt)), 0);
  const overshoot = lastSentAt - (Date.now() - DAY_MS);
  if (overshoot <= 0) {
    return simulation;
  }
  const start = new Date(Date.parse(options.start) - Math.ceil(overshoot / DAY_MS) * DAY_MS).toISOString();
  console.log(`bench: the feed would reach past today; it starts on ${start} instead`);
  return simulate({ ...options, start });
}

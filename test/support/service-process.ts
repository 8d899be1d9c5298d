import { spawn } from 'node:child_process';
import { join } from 'node:path';

const REPO_ROOT = join(__dirname, '..', '..');

export interface ServiceProcess {
  readonly child: ReturnType<typeof spawn>;
  readonly exit: Promise<number | null>;
  output(): string;
  /** The base URL of its health and metrics server, once it has printed it. */
  opsUrl(timeoutMs?: number): Promise<string>;
  stop(): Promise<void>;
}

/**
 * Runs a service as its own process, as `npm start` does (or, `compiled`, from `npm run build`'s output as the
 * Dockerfile does), its ops server on a free port, and collects what it prints.
 */
export function runServiceProcess(
  service: string,
  env: Record<string, string>,
  { compiled = false }: { compiled?: boolean } = {},
): ServiceProcess {
  const entry = compiled
    ? [`dist/apps/${service}/src/main.js`]
    : ['-r', '@swc-node/register', `apps/${service}/src/main.ts`];
  const child = spawn(process.execPath, entry, {
    cwd: REPO_ROOT,
    env: { ...process.env, OPS_PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const process_: ServiceProcess = {
    child,
    exit,
    output: () => output,
    opsUrl: async (timeoutMs = 60_000) => {
      await waitForOutput(process_, 'readiness at http://', timeoutMs);
      return /readiness at (http:\/\/[^/]+)\//.exec(output)![1];
    },
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        await exit;
      }
    },
  };
  return process_;
}

export async function waitForOutput(service: ServiceProcess, text: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!service.output().includes(text)) {
    if (Date.now() > deadline || service.child.exitCode !== null) {
      throw new Error(`no "${text}" in the service's output:\n${service.output()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** The samples of one metric in a Prometheus text page, with their labels. */
export function samples(page: string, metric: string): { labels: Record<string, string>; value: number }[] {
  return page
    .split('\n')
    .filter((line) => line.startsWith(`${metric}{`) || line.startsWith(`${metric} `))
    .map((line) => {
      const match = /^[^{ ]+(?:\{(.*)\})? (\S+)$/.exec(line)!;
      const labels = Object.fromEntries(
        [...(match[1] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1], m[2]]),
      );
      return { labels, value: Number(match[2]) };
    });
}

import { spawn } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Supervisor } from '../../scripts/supervisor';

const REPO_ROOT = join(__dirname, '..', '..');

export const PLATFORM_SERVICES = ['normalizer', 'projector', 'analytics', 'alerts', 'webhooks', 'gateway'] as const;

/**
 * Every service as its own process, each kept running by the project's own supervisor (as `npm start` runs them):
 * a service that exits is started again from its committed offsets. Logs go to one file per service.
 */
export class SupervisedPlatform {
  readonly logDir = mkdtempSync(join(tmpdir(), 'mmt-platform-'));
  private readonly supervisors = new Map<string, Supervisor>();

  constructor(private readonly env: Record<string, string>) {}

  start(): void {
    for (const service of PLATFORM_SERVICES) {
      const logFile = join(this.logDir, `${service}.log`);
      const supervisor = new Supervisor({
        name: service,
        logFile,
        firstBackoffMs: 500,
        maxBackoffMs: 4000,
        say: (line) => createWriteStream(logFile, { flags: 'a' }).end(`supervisor: ${line}\n`),
        spawn: () => {
          const child = spawn(process.execPath, ['-r', '@swc-node/register', `apps/${service}/src/main.ts`], {
            cwd: REPO_ROOT,
            env: { ...process.env, OPS_PORT: '0', GATEWAY_PORT: '0', ...this.env },
            stdio: ['ignore', 'pipe', 'pipe'],
          });
          const log = createWriteStream(logFile, { flags: 'a' });
          child.stdout.pipe(log);
          child.stderr.pipe(log);
          return child;
        },
      });
      supervisor.start();
      this.supervisors.set(service, supervisor);
    }
  }

  /** How often each service was started again. */
  restarts(): Record<string, number> {
    return Object.fromEntries([...this.supervisors].map(([service, s]) => [service, s.restarts]));
  }

  /** Waits until every service's readiness answers 200 (the gateway's is on its GraphQL port). */
  async waitUntilReady(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (const service of PLATFORM_SERVICES) {
      for (;;) {
        const url = [...this.log(service).matchAll(/readiness at (http:\/\/[^/\s]+)\//g)].at(-1)?.[1];
        const ready = url !== undefined && (await fetch(`${url}/health/ready`).catch(() => undefined))?.status === 200;
        if (ready) {
          break;
        }
        if (Date.now() > deadline) {
          throw new Error(`${service} is not ready after ${timeoutMs} ms; its log:\n${this.log(service).slice(-3000)}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    }
  }

  log(service: string): string {
    try {
      return readFileSync(join(this.logDir, `${service}.log`), 'utf8');
    } catch {
      return '';
    }
  }

  async stop(): Promise<void> {
    await Promise.all([...this.supervisors.values()].map((s) => s.stop()));
  }
}

import type { ChildProcess } from 'node:child_process';

export interface SupervisorOptions {
  readonly name: string;
  /** Starts the service's process. */
  readonly spawn: () => ChildProcess;
  /** Where the service writes its log, named when it exits. */
  readonly logFile: string;
  readonly say: (line: string) => void;
  readonly firstBackoffMs?: number;
  readonly maxBackoffMs?: number;
  /** A process that ran this long is taken as healthy again: the next restart waits `firstBackoffMs`. */
  readonly stableAfterMs?: number;
}

/**
 * Keeps one service running: when its process exits, says why and starts it again, waiting twice as long
 * after each quick failure (up to `maxBackoffMs`), so that a service that cannot start does not spin.
 */
export class Supervisor {
  private child?: ChildProcess;
  private stopping = false;
  private backoffMs: number;
  private restartTimer?: NodeJS.Timeout;
  restarts = 0;

  constructor(private readonly options: SupervisorOptions) {
    this.backoffMs = options.firstBackoffMs ?? 1000;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  start(): void {
    const startedAt = Date.now();
    const child = this.options.spawn();
    this.child = child;
    child.once('exit', (code, signal) => {
      if (this.stopping) {
        return;
      }
      const first = this.options.firstBackoffMs ?? 1000;
      if (Date.now() - startedAt >= (this.options.stableAfterMs ?? 60_000)) {
        this.backoffMs = first;
      }
      const how = signal === null ? `with code ${code}` : `on ${signal}`;
      this.options.say(
        `${this.options.name} exited ${how} (see ${this.options.logFile}); restarting in ${(this.backoffMs / 1000).toFixed(2)}s`,
      );
      this.restartTimer = setTimeout(() => {
        this.restarts += 1;
        this.start();
      }, this.backoffMs);
      this.backoffMs = Math.min(this.backoffMs * 2, this.options.maxBackoffMs ?? 30_000);
    });
  }

  /** Stops the service for good: no restart, SIGTERM, and waits for the exit. */
  async stop(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.restartTimer);
    const child = this.child;
    if (child === undefined || child.exitCode !== null || child.signalCode !== null) {
      return;
    }
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
}

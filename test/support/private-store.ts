import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mongoose from 'mongoose';
import { storeDirs } from '../../scripts/infra/local-dirs';
import { storeServerArgs } from '../../scripts/infra/store-server';
import { freePort } from './free-port';
import { killNow } from './kill-now';

/**
 * An embedded store (SecantusDB, as `npm run setup` installs it) of one test's own, on a free port, with the
 * same settings as the project's, so that a test may kill it, restart it on the same data, or take it away.
 */
export class PrivateStore {
  private process?: ChildProcess;
  private constructor(
    readonly port: number,
    readonly dataDir: string,
  ) {}

  static async start(): Promise<PrivateStore> {
    const store = new PrivateStore(await freePort(), mkdtempSync(join(tmpdir(), 'mmt-store-')));
    await store.restart();
    return store;
  }

  uri(database: string): string {
    return `mongodb://127.0.0.1:${this.port}/${database}`;
  }

  /** Starts the server on the same port and data, and waits until it answers. */
  async restart(): Promise<void> {
    this.process = spawn(storeDirs.server, storeServerArgs('127.0.0.1', String(this.port), this.dataDir), {
      stdio: 'ignore',
    });
    const deadline = Date.now() + 60_000;
    for (;;) {
      const connection = mongoose.createConnection(this.uri('admin'), { serverSelectionTimeoutMS: 500 });
      try {
        await connection.asPromise();
        return;
      } catch (error) {
        if (Date.now() > deadline || this.process.exitCode !== null) {
          throw new Error(`the private store did not start: ${(error as Error).message}`);
        }
      } finally {
        await connection.close();
      }
    }
  }

  /** Ends the server at once, as the OOM killer or a crash would. */
  kill(): Promise<void> {
    return killNow(this.process);
  }

  async remove(): Promise<void> {
    await this.kill();
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}

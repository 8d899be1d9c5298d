import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { kafkaJava, kafkaProperties, pingKafka } from '../../scripts/infra/kafka-server';
import { freePort } from './free-port';
import { killNow } from './kill-now';

/**
 * A Kafka broker of one test's own (the jars and settings `npm run setup` installs), on free ports, so that a
 * test may stop it while services use it and start it again on the same data.
 */
export class PrivateKafka {
  private process?: ChildProcess;
  private constructor(
    readonly port: number,
    private readonly dir: string,
  ) {}

  static async start(): Promise<PrivateKafka> {
    const kafka = new PrivateKafka(await freePort(), mkdtempSync(join(tmpdir(), 'mmt-kafka-')));
    const properties = join(kafka.dir, 'server.properties');
    writeFileSync(properties, kafkaProperties(kafka.port, await freePort(), join(kafka.dir, 'data')));
    const clusterId = `t${randomBytes(15).toString('base64url')}`.slice(0, 22);
    const format = spawnSync(
      'java',
      kafkaJava('kafka.tools.StorageTool', ['format', '-t', clusterId, '-c', properties, '--standalone']),
      { encoding: 'utf8' },
    );
    if (format.status !== 0) {
      throw new Error(`the private broker's storage could not be formatted: ${format.stderr}`);
    }
    await kafka.restart();
    return kafka;
  }

  get brokers(): string {
    return `127.0.0.1:${this.port}`;
  }

  /** Starts the broker on the same ports and data, and waits until it answers. */
  async restart(): Promise<void> {
    this.process = spawn('java', kafkaJava('kafka.Kafka', [join(this.dir, 'server.properties')]), {
      cwd: this.dir,
      stdio: 'ignore',
    });
    const deadline = Date.now() + 90_000;
    for (;;) {
      try {
        await pingKafka([this.brokers]);
        return;
      } catch (error) {
        if (Date.now() > deadline || this.process.exitCode !== null) {
          throw new Error(`the private broker did not start: ${(error as Error).message}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    }
  }

  /** Ends the broker at once. */
  kill(): Promise<void> {
    return killNow(this.process);
  }

  async remove(): Promise<void> {
    await this.kill();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

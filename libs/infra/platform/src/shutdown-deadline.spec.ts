import { spawn } from 'node:child_process';
import { join } from 'node:path';

/** A process whose own SIGTERM handler never finishes, as a Nest app closing consumers on a gone broker. */
const HANGING_SERVICE = `
  const { exitWithinGrace } = require(${JSON.stringify(join(__dirname, 'shutdown-deadline'))});
  exitWithinGrace('hanging', { MMT_SHUTDOWN_GRACE_MS: '300' });
  process.on('SIGTERM', () => setInterval(() => undefined, 1000));
  setInterval(() => undefined, 1000);
  console.log('ready');
`;

describe('exitWithinGrace', () => {
  it('ends a process whose shutdown hangs, with 143, once the grace period has passed', async () => {
    const child = spawn(process.execPath, ['-r', '@swc-node/register', '-e', HANGING_SERVICE], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    while (!output.includes('ready')) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const signalledAt = Date.now();
    child.kill('SIGTERM');
    expect(await exited).toBe(143);
    const tookMs = Date.now() - signalledAt;
    expect(tookMs).toBeGreaterThanOrEqual(250);
    expect(tookMs).toBeLessThan(5000);
    expect(output).toContain('hanging did not stop within 300 ms of SIGTERM: exiting now');
  }, 30_000);
});

import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Supervisor } from './supervisor';

/** A real process that fails on its first start (as a service whose consumer crashed) and then keeps running. */
const FAILS_ONCE = `
const fs = require('node:fs');
const marker = process.argv[1];
if (!fs.existsSync(marker)) { fs.writeFileSync(marker, 'started once'); process.exit(1); }
setInterval(() => undefined, 1000);
`;

function waitFor(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const poll = () => {
      if (condition()) {
        resolve();
      } else if (Date.now() > deadline) {
        reject(new Error('timed out'));
      } else {
        setTimeout(poll, 20);
      }
    };
    poll();
  });
}

describe(Supervisor.name, () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'supervisor-'));
  });

  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('restarts a service that exits, saying why, and stops it for good on stop()', async () => {
    const marker = join(dir, 'marker');
    const lines: string[] = [];
    const supervisor = new Supervisor({
      name: 'projector',
      spawn: () => spawn(process.execPath, ['-e', FAILS_ONCE, marker], { stdio: 'ignore' }),
      logFile: '/logs/projector.log',
      say: (line) => lines.push(line),
      firstBackoffMs: 50,
    });
    supervisor.start();
    const firstPid = supervisor.pid;
    await waitFor(() => supervisor.restarts === 1);
    expect(existsSync(marker)).toBe(true);
    expect(lines).toEqual(['projector exited with code 1 (see /logs/projector.log); restarting in 0.05s']);
    expect(supervisor.pid).not.toBe(firstPid);

    await supervisor.stop();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(supervisor.restarts).toBe(1);
    expect(lines).toHaveLength(1);
  });

  it('waits twice as long after each quick failure', async () => {
    const lines: string[] = [];
    const supervisor = new Supervisor({
      name: 'normalizer',
      spawn: () => spawn(process.execPath, ['-e', 'process.exit(2)'], { stdio: 'ignore' }),
      logFile: 'n.log',
      say: (line) => lines.push(line),
      firstBackoffMs: 20,
      maxBackoffMs: 80,
    });
    supervisor.start();
    await waitFor(() => lines.length >= 4);
    await supervisor.stop();
    expect(lines.slice(0, 4).map((line) => line.replace(/.*restarting in /, ''))).toEqual([
      '0.02s',
      '0.04s',
      '0.08s',
      '0.08s',
    ]);
  });
});

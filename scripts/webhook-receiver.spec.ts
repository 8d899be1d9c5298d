import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateSecret, signNotification } from '@mmt/dcsa';

/** `npm run webhook:receiver`, as a partner runs it: the script in a process of its own. */
interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function receiver(args: readonly string[], env: NodeJS.ProcessEnv = {}, untilListening = false) {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', 'scripts/webhook-receiver.ts', ...args], {
    cwd: join(__dirname, '..'),
    env: { ...process.env, WEBHOOK_SECRET: '', ...env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  // A receiver that keeps running when it should have stopped is ended, so that the test fails rather than hangs.
  const deadline = setTimeout(() => child.kill('SIGKILL'), 20_000);
  const ended = new Promise<Run>((resolve) =>
    child.on('close', (code) => {
      clearTimeout(deadline);
      resolve({ code, stdout, stderr });
    }),
  );
  const listening = new Promise<string>((resolve, reject) => {
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      const url = /listening at (http:\/\/\S+?);/.exec(stderr)?.[1];
      if (untilListening && url !== undefined) {
        resolve(url);
      }
    });
    if (untilListening) {
      void ended.then((run) => reject(new Error(`exited ${run.code} before listening: ${run.stderr}`)));
    }
  });
  return { child, listening, ended };
}

async function post(url: string, secret: string, body: string, options: Parameters<typeof signNotification>[2]) {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      'Subscription-ID': '3f3a3c1e-6f43-4d4b-9d89-5b7c3c1f0a11',
      'Notification-Signature': signNotification(secret, body, options),
    },
    body,
  });
  return { status: response.status, text: await response.text() };
}

const EVENTS = JSON.stringify([
  {
    eventID: 'e-1',
    eventType: 'EQUIPMENT',
    eventDateTime: '2026-05-04T08:00:00+08:00',
    equipmentEventTypeCode: 'LOAD',
    equipmentReference: 'MSCU1234565',
    eventLocation: { UNLocationCode: 'CNQZH' },
  },
]);

describe('npm run webhook:receiver', () => {
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'webhook-receiver-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints its usage for --help and exits 0', async () => {
    const run = await receiver(['--help']).ended;
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Usage: npm run webhook:receiver -- /);
    expect(run.stdout).toMatch(/WEBHOOK_SECRET/);
    expect(run.stdout).toMatch(/--secret-file/);
    expect(run.stdout).toMatch(/--scheme DCSA\|TIMESTAMPED/);
  });

  it('refuses a secret on the command line, saying why, without printing it', async () => {
    const secret = generateSecret();
    const run = await receiver(['--secret', secret]).ended;
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/--secret is refused: a secret on the command line shows in ps/);
    expect(run.stderr).toMatch(/WEBHOOK_SECRET or --secret-file/);
    expect(run.stderr).not.toContain(secret);
  });

  it('says where to give the secret when it has none', async () => {
    const run = await receiver([]).ended;
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/give the subscription's secret in WEBHOOK_SECRET or a file named by --secret-file/);
  });

  it('verifies DCSA signatures with the secret from a file, and timestamped ones when told', async () => {
    const secret = generateSecret();
    const file = join(dir, 'secret');
    writeFileSync(file, `${secret}\n`, { mode: 0o600 });
    const dcsa = receiver(['--port', '0', '--secret-file', file], {}, true);
    const url = await dcsa.listening;
    expect(await post(url, secret, EVENTS, {})).toEqual({ status: 204, text: '' });
    const refused = await post(url, generateSecret(), EVENTS, {});
    expect(refused).toEqual({ status: 401, text: 'signature does not match the body and secret' });
    const timestampedForm = await post(url, secret, EVENTS, { scheme: 'TIMESTAMPED' });
    expect(timestampedForm.status).toBe(401);
    dcsa.child.kill('SIGINT');
    const run = await dcsa.ended;
    expect(run.stdout).toMatch(/EQUIPMENT LOAD MSCU1234565 at CNQZH \(e-1\)/);

    const timestamped = receiver(['--port', '0', '--scheme', 'TIMESTAMPED'], { WEBHOOK_SECRET: secret }, true);
    const timestampedUrl = await timestamped.listening;
    expect((await post(timestampedUrl, secret, EVENTS, { scheme: 'TIMESTAMPED' })).status).toBe(204);
    expect((await post(timestampedUrl, secret, EVENTS, {})).status).toBe(401);
    timestamped.child.kill('SIGINT');
    await timestamped.ended;
  });
});

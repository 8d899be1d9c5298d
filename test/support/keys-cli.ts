import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type { Connection } from 'mongoose';
import { infra } from './infra';

const ROOT = join(__dirname, '..', '..');

/** A key as the CLI prints it, on a line of its own. */
export const KEY_LINE = /^mmt_[0-9a-f]{8}_[A-Za-z0-9_-]{43}$/m;

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The store URI of a test database, for the CLI's MONGODB_URI. */
export function uriOf(db: Connection): string {
  const url = new URL(infra.mongodbUri);
  url.pathname = `/${db.name}`;
  return url.toString();
}

/** `npm run keys -- <args>` as a child process against the database `mongodbUri` names. */
export function runKeysCli(args: readonly string[], mongodbUri: string): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-r', '@swc-node/register', 'scripts/keys.ts', ...args], {
      cwd: ROOT,
      env: { ...process.env, MONGODB_URI: mongodbUri },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

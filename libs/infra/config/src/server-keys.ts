import { randomBytes } from 'node:crypto';
import { mkdirSync, openSync, readFileSync, writeSync, closeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ConfigError } from './infra-config';

/**
 * The platform's own secret keys, 32 bytes each:
 * - `cursor` signs the opaque cursors and links the APIs hand out, so a client cannot forge one;
 * - `secrets` encrypts what the store keeps for the platform to use later (webhook secrets).
 * Every instance of every service must share them. In production they come from the environment
 * (`MMT_CURSOR_KEY`, `MMT_SECRETS_KEY`: Base64 of 32 bytes, e.g. `openssl rand -base64 32`). On one machine,
 * when they are not set, the first process to need one creates it under `.local/keys/` (readable by its owner
 * only) and every later process reads the same file.
 */
export type ServerKeyName = 'cursor' | 'secrets';

const KEY_BYTES = 32;
const ENV_NAMES: Record<ServerKeyName, string> = { cursor: 'MMT_CURSOR_KEY', secrets: 'MMT_SECRETS_KEY' };
const cache = new Map<ServerKeyName, Buffer>();

export function serverKey(name: ServerKeyName, env: NodeJS.ProcessEnv = process.env): Buffer {
  const cached = cache.get(name);
  if (cached !== undefined && env === process.env) {
    return cached;
  }
  const configured = env[ENV_NAMES[name]];
  const key = configured === undefined || configured.trim() === '' ? localKey(name) : parseKey(name, configured);
  if (env === process.env) {
    cache.set(name, key);
  }
  return key;
}

function parseKey(name: ServerKeyName, value: string): Buffer {
  const key = Buffer.from(value.trim(), 'base64');
  if (key.length !== KEY_BYTES) {
    throw new ConfigError(
      `${ENV_NAMES[name]}: must be Base64 of ${KEY_BYTES} bytes (e.g. openssl rand -base64 32), got ${key.length} bytes`,
    );
  }
  return key;
}

/** The key in `.local/keys/<name>.key`, created once: exclusive create, so processes starting together agree. */
function localKey(name: ServerKeyName): Buffer {
  const path = join(process.cwd(), '.local', 'keys', `${name}.key`);
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  try {
    const fd = openSync(path, 'wx', 0o600);
    try {
      writeSync(fd, randomBytes(KEY_BYTES).toString('base64'));
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
      throw error;
    }
  }
  return readWritten(name, path);
}

/** Reads a key file, waiting briefly if another process has created it and is still writing it. */
function readWritten(name: ServerKeyName, path: string): Buffer {
  for (let tries = 0; tries < 50; tries += 1) {
    const text = readFileSync(path, 'utf8');
    if (text.trim() !== '') {
      return parseKey(name, text);
    }
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
  }
  throw new ConfigError(`${path} is empty: remove it, or set ${ENV_NAMES[name]}`);
}

import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import mongoose from 'mongoose';
import { DEFAULT_MONGODB_URI } from '@mmt/config';
import { REPO_ROOT, storeDirs } from './local-dirs';
import { type ManagedProcess, runOrFail, runningPid, startDetached, stopProcess, waitUntilReady } from './processes';

const REQUIREMENTS = join(REPO_ROOT, 'infra', 'store', 'requirements.txt');
const LISTEN = new URL(DEFAULT_MONGODB_URI);
/**
 * WiredTiger's cache. The default takes half the machine's memory (3.4 GB at a million events); 256 MB keeps
 * the store near 300 MB, and the working set of the hot paths (by `_id` and by index) fits in it.
 */
const CACHE_SIZE = process.env.MMT_STORE_CACHE_SIZE ?? '256M';

export const storeProcess: ManagedProcess = {
  name: 'Store (SecantusDB)',
  pidFile: storeDirs.pid,
  logFile: storeDirs.log,
  marker: storeDirs.server,
};

/**
 * Installs SecantusDB (a MongoDB-compatible server on WiredTiger, from PyPI) into its own virtual environment,
 * pinned by infra/store/requirements.txt; a second run with the same requirements is a no-op.
 */
export function installStore(): void {
  const requirements = readFileSync(REQUIREMENTS, 'utf8');
  if (existsSync(storeDirs.venvStamp) && readFileSync(storeDirs.venvStamp, 'utf8') === requirements) {
    console.log(`Store: SecantusDB installed in ${storeDirs.venv}`);
    return;
  }
  console.log(`Store: installing SecantusDB into ${storeDirs.venv} (first run only)...`);
  rmSync(storeDirs.venv, { recursive: true, force: true });
  runOrFail('python3', ['-m', 'venv', storeDirs.venv], REPO_ROOT, 'Store venv (needs Python 3.10+ with venv)');
  runOrFail(
    join(storeDirs.venv, 'bin', 'pip'),
    ['install', '--quiet', '--disable-pip-version-check', '--requirement', REQUIREMENTS],
    REPO_ROOT,
    'Store install',
  );
  writeFileSync(storeDirs.venvStamp, requirements);
  console.log('Store: SecantusDB installed');
}

export async function pingStore(uri: string = DEFAULT_MONGODB_URI): Promise<string> {
  const connection = mongoose.createConnection(uri, { serverSelectionTimeoutMS: 1000, connectTimeoutMS: 1000 });
  try {
    await connection.asPromise();
    const db = connection.db;
    if (db === undefined) {
      throw new Error('connected without a database handle');
    }
    await db.admin().ping();
    const info = await db.admin().buildInfo();
    return String(info.version);
  } finally {
    await connection.close();
  }
}

/** The store server's command line: the one place its settings are chosen (tests' private stores use it too). */
export function storeServerArgs(host: string, port: string, storagePath: string): string[] {
  return [
    '--host',
    host,
    '--port',
    port,
    '--storage-path',
    storagePath,
    // A standalone server, as a single mongod: no replica-set oplog. The platform reads no change streams, and
    // SecantusDB's oplog costs a write per changed document plus pruning inside inserts, under its global lock,
    // that stopped every client for minutes at a few hundred thousand events (twice, also with pruning by age
    // only: the prune's walk to the oldest entry read evicted pages).
    '--standalone',
    // Every commit waits for its journal write to reach the disk. Without it SecantusDB keeps the journal in its
    // own buffer: a kill -9 right after 300 acknowledged inserts lost all 300 (test/store.e2e-spec.ts).
    '--sync-on-commit',
    '--cache-size',
    CACHE_SIZE,
    '--log-level',
    'WARNING',
  ];
}

export async function startStore(): Promise<'started' | 'running'> {
  if (runningPid(storeProcess) !== undefined) {
    await pingStore();
    return 'running';
  }
  if (!existsSync(storeDirs.venvStamp)) {
    throw new Error('The store is not installed: run the set-up command (npm run setup) first.');
  }
  if (
    await pingStore().then(
      () => true,
      () => false,
    )
  ) {
    throw new Error(
      `Something not started by this project already answers on ${LISTEN.host}. Stop it, or point MONGODB_URI at it to use it instead.`,
    );
  }
  const pid = startDetached(
    storeProcess,
    storeDirs.server,
    storeServerArgs(LISTEN.hostname, LISTEN.port, storeDirs.data),
    storeDirs.root,
  );
  await waitUntilReady(storeProcess, pid, async () => void (await pingStore()), 120_000);
  return 'started';
}

export function stopStore(): Promise<boolean> {
  return stopProcess(storeProcess);
}

export function wipeStoreData(): void {
  rmSync(storeDirs.data, { recursive: true, force: true });
}

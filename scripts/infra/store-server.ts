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
/**
 * How long the store keeps its oplog (change-stream history; the platform reads none). SecantusDB prunes the
 * oldest entries inside an insert, under its global lock, and each prune walks the entries that earlier prunes
 * deleted: once pruning starts under a steady load, a prune takes minutes and stops every client (seen twice at
 * about 500,000 events with the default cap of 100,000 entries). So entries are kept a week and never pruned by
 * count; the oplog costs disk (about the size of every write of that week) instead of stalls.
 */
const OPLOG_RETENTION_SECONDS = process.env.MMT_STORE_OPLOG_RETENTION_SECONDS ?? String(7 * 24 * 3600);

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
    [
      '--host',
      LISTEN.hostname,
      '--port',
      LISTEN.port,
      '--storage-path',
      storeDirs.data,
      // Every acknowledged write is on disk before the reply: a `kill -9` or a power cut loses nothing acknowledged.
      '--sync-on-commit',
      '--cache-size',
      CACHE_SIZE,
      '--oplog-retention-seconds',
      OPLOG_RETENTION_SECONDS,
      '--oplog-max-entries',
      '1000000000',
      '--log-level',
      'WARNING',
    ],
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

import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import mongoose from 'mongoose';
import { DEFAULT_MONGODB_URI } from '@mmt/config';
import { REPO_ROOT, storeDirs } from './local-dirs';
import { type ManagedProcess, runOrFail, runningPid, startDetached, stopProcess, waitUntilReady } from './processes';

const SOURCE_DIR = join(REPO_ROOT, 'infra', 'ferretdb');
const LISTEN_ADDRESS = new URL(DEFAULT_MONGODB_URI).host;

export const storeProcess: ManagedProcess = {
  name: 'Store (FerretDB on SQLite)',
  pidFile: storeDirs.pid,
  logFile: storeDirs.log,
  marker: storeDirs.binary,
};

/** Builds the embedded FerretDB; Go's build cache makes a second run take seconds. */
export function installStore(): void {
  console.log(
    `Store: building FerretDB v1 on SQLite into ${storeDirs.binary} (the first build takes a few minutes)...`,
  );
  runOrFail('go', ['build', '-o', storeDirs.binary, '.'], SOURCE_DIR, 'Store build');
  console.log('Store: built');
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
  if (!existsSync(storeDirs.binary)) {
    throw new Error('The store binary is missing: run the set-up command (npm run setup) first.');
  }
  if (
    await pingStore().then(
      () => true,
      () => false,
    )
  ) {
    throw new Error(
      `Something not started by this project already answers on ${LISTEN_ADDRESS}. Stop it, or point MONGODB_URI at it to use it instead.`,
    );
  }
  const pid = startDetached(
    storeProcess,
    storeDirs.binary,
    ['-listen', LISTEN_ADDRESS, '-data', storeDirs.data],
    storeDirs.root,
  );
  await waitUntilReady(storeProcess, pid, async () => void (await pingStore()), 30_000);
  return 'started';
}

export function stopStore(): Promise<boolean> {
  return stopProcess(storeProcess);
}

export function wipeStoreData(): void {
  rmSync(storeDirs.data, { recursive: true, force: true });
}

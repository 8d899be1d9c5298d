import { join, resolve } from 'node:path';

/** The one ignored folder that holds everything local infrastructure needs: jars, the store's Python environment, data, logs, pids. */
export const REPO_ROOT = resolve(__dirname, '..', '..');
export const LOCAL_DIR = resolve(process.env.MMT_LOCAL_DIR ?? join(REPO_ROOT, '.local'));

export const kafkaDirs = {
  root: join(LOCAL_DIR, 'kafka'),
  libs: join(LOCAL_DIR, 'kafka', 'libs'),
  libsStamp: join(LOCAL_DIR, 'kafka', 'libs', '.installed-from'),
  data: join(LOCAL_DIR, 'kafka', 'data'),
  properties: join(LOCAL_DIR, 'kafka', 'server.properties'),
  log: join(LOCAL_DIR, 'kafka', 'server.log'),
  pid: join(LOCAL_DIR, 'kafka', 'kafka.pid'),
};

export const storeDirs = {
  root: join(LOCAL_DIR, 'store'),
  venv: join(LOCAL_DIR, 'store-venv'),
  server: join(LOCAL_DIR, 'store-venv', 'bin', 'secantusd-py'),
  venvStamp: join(LOCAL_DIR, 'store-venv', '.installed-from'),
  data: join(LOCAL_DIR, 'store', 'data'),
  log: join(LOCAL_DIR, 'store', 'store.log'),
  pid: join(LOCAL_DIR, 'store', 'store.pid'),
};

import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** A server process that infra scripts started, remembered by a pid file and recognised by its command line. */
export interface ManagedProcess {
  readonly name: string;
  readonly pidFile: string;
  readonly logFile: string;
  /** A string that the process's command line contains, so a recycled pid is never taken for ours. */
  readonly marker: string;
}

/** Runs a command to completion; `quiet` keeps its output unless it fails, when the output joins the error. */
export function runOrFail(command: string, args: readonly string[], cwd: string, what: string, quiet = false): void {
  const result = spawnSync(command, args, { cwd, stdio: quiet ? 'pipe' : 'inherit', encoding: 'utf8' });
  if (result.error) {
    throw new Error(`${what}: cannot run ${command}: ${result.error.message}`);
  }
  if (result.status !== 0) {
    const output = quiet ? `\n${result.stdout}${result.stderr}`.trimEnd() : '';
    throw new Error(`${what}: \`${command} ${args.join(' ')}\` exited with ${result.status ?? result.signal}${output}`);
  }
}

/** The pid of the managed process if it is alive and really is ours, else undefined (a stale pid file is removed). */
export function runningPid(proc: ManagedProcess): number | undefined {
  if (!existsSync(proc.pidFile)) {
    return undefined;
  }
  const pid = Number(readFileSync(proc.pidFile, 'utf8').trim());
  if (Number.isInteger(pid) && pid > 0 && commandLine(pid)?.includes(proc.marker)) {
    return pid;
  }
  rmSync(proc.pidFile, { force: true });
  return undefined;
}

function commandLine(pid: number): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    return undefined;
  }
}

export function startDetached(proc: ManagedProcess, command: string, args: readonly string[], cwd: string): number {
  mkdirSync(dirname(proc.logFile), { recursive: true });
  const log = openSync(proc.logFile, 'a');
  const child = spawn(command, args, { cwd, detached: true, stdio: ['ignore', log, log] });
  if (child.pid === undefined) {
    throw new Error(`${proc.name}: could not start ${command}`);
  }
  child.unref();
  writeFileSync(proc.pidFile, `${child.pid}\n`);
  return child.pid;
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Sends SIGTERM, waits for a clean exit, then SIGKILL. Only ever signals the pid it started. */
export async function stopProcess(proc: ManagedProcess, graceMs = 30_000): Promise<boolean> {
  const pid = runningPid(proc);
  if (pid === undefined) {
    return false;
  }
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (isAlive(pid) && Date.now() < deadline) {
    await sleep(200);
  }
  if (isAlive(pid)) {
    process.kill(pid, 'SIGKILL');
    while (isAlive(pid)) {
      await sleep(50);
    }
  }
  rmSync(proc.pidFile, { force: true });
  return true;
}

export function logTail(file: string, lines = 30): string {
  if (!existsSync(file)) {
    return '(no log written)';
  }
  return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Polls `probe` until it resolves, the process dies, or the time runs out; on failure the error carries
 * the log tail, which is what one needs to read at 3 a.m.
 */
export async function waitUntilReady(
  proc: ManagedProcess,
  pid: number,
  probe: () => Promise<void>,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError = 'no answer yet';
  while (Date.now() < deadline) {
    if (!isAlive(pid)) {
      throw new Error(`${proc.name} exited during start-up. Last lines of ${proc.logFile}:\n${logTail(proc.logFile)}`);
    }
    try {
      await probe();
      return;
    } catch (error) {
      lastError = error instanceof Error ? error.message : String(error);
    }
    await sleep(250);
  }
  throw new Error(
    `${proc.name} did not answer within ${timeoutMs / 1000}s (${lastError}). Last lines of ${proc.logFile}:\n${logTail(proc.logFile)}`,
  );
}

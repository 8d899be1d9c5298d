import type { ChildProcess } from 'node:child_process';

/** Ends a server process at once (SIGKILL), as the OOM killer or a crash would, and waits for its exit. */
export async function killNow(child: ChildProcess | undefined): Promise<void> {
  if (child === undefined || child.exitCode !== null || child.signalCode !== null) {
    return;
  }
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** Debian's Chromium: the browser the web app's tests drive through playwright-core (it downloads none of its own). */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Installs Debian's chromium package when the browser is missing (as root, or with sudo). */
export function installBrowser(): void {
  if (existsSync(CHROMIUM)) {
    console.log(`Browser: ${CHROMIUM} present`);
    return;
  }
  const asRoot = process.getuid?.() === 0;
  const apt = (args: string[]) =>
    execFileSync(asRoot ? 'apt-get' : 'sudo', asRoot ? args : ['apt-get', ...args], {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
  console.log(`Browser: installing Debian's chromium for the web app's tests (first run only)...`);
  try {
    try {
      apt(['install', '-y', '--no-install-recommends', 'chromium']);
    } catch {
      apt(['update']);
      apt(['install', '-y', '--no-install-recommends', 'chromium']);
    }
  } catch (error) {
    throw new Error(
      `could not install chromium (${error instanceof Error ? error.message : String(error)}); install the Debian ` +
        `package chromium yourself, or set CHROMIUM_PATH to a Chromium binary`,
    );
  }
  console.log(`Browser: ${CHROMIUM} installed`);
}

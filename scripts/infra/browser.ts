import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** Debian's Chromium: the browser the web app's tests drive through playwright-core (it downloads none of its own). */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** A font with Chinese glyphs, for the pages in Chinese (Debian's fonts-noto-cjk). */
const CJK_FONT = '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc';

/** Installs Debian's chromium and fonts-noto-cjk packages when they are missing (as root, or with sudo). */
export function installBrowser(): void {
  const packages = [...(existsSync(CHROMIUM) ? [] : ['chromium']), ...(existsSync(CJK_FONT) ? [] : ['fonts-noto-cjk'])];
  if (packages.length === 0) {
    console.log(`Browser: ${CHROMIUM} and a Chinese font present`);
    return;
  }
  const asRoot = process.getuid?.() === 0;
  const apt = (args: string[]) =>
    execFileSync(asRoot ? 'apt-get' : 'sudo', asRoot ? args : ['apt-get', ...args], {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
  console.log(`Browser: installing Debian's ${packages.join(' and ')} for the web app's tests (first run only)...`);
  try {
    try {
      apt(['install', '-y', '--no-install-recommends', ...packages]);
    } catch {
      apt(['update']);
      apt(['install', '-y', '--no-install-recommends', ...packages]);
    }
  } catch (error) {
    throw new Error(
      `could not install ${packages.join(', ')} (${error instanceof Error ? error.message : String(error)}); install the Debian ` +
        `packages yourself, or set CHROMIUM_PATH to a Chromium binary`,
    );
  }
  console.log(`Browser: ${packages.join(' and ')} installed`);
}

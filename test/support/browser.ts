import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { WEB_DIR } from '../../apps/gateway/src/main';
import { CHROMIUM } from '../../scripts/infra/browser';

/** The two sizes every page is checked at: a laptop and a phone. */
export const DESKTOP = { width: 1440, height: 1000 };
export const PHONE = { width: 390, height: 844 };
export const SCREENSHOTS = join(__dirname, '..', '..', 'test-results', 'screenshots');

/** The flags this machine's closed network needs (no background connections, no first-run work). */
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Fails at once, before a suite's long set-up, when the web app is not built; makes the screenshots' folder. */
export function prepareBrowserSuite(): void {
  if (!existsSync(join(WEB_DIR, 'index.html'))) {
    throw new Error(`the web app is not built in ${WEB_DIR}: run npm run build:web (npm test does)`);
  }
  mkdirSync(SCREENSHOTS, { recursive: true });
}

/** Saves the whole page as test-results/screenshots/<name>.png. */
export const screenshot = (page: Page, name: string) =>
  page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });

/** Debian's Chromium, driven by playwright-core. */
export const launchBrowser = (): Promise<Browser> => chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });

/** Opens the web app at `hash` and gives it the API key, as a person would. */
export async function openWithKey(browser: Browser, base: string, key: string, hash: string, viewport = DESKTOP) {
  const page = await browser.newPage({ viewport });
  await page.goto(`${base}/app/${hash}`);
  await page.getByLabel('API key').fill(key);
  await page.getByRole('button', { name: 'Use key' }).click();
  return page;
}

/** Everything the page writes to the console as an error, and every uncaught error, from now on. */
export function consoleErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => (message.type() === 'error' ? errors.push(message.text()) : undefined));
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}

type AxeViolation = { id: string; impact: string | null; help: string; nodes: { target: string[] }[] };

/**
 * axe-core's serious and critical violations on the page as it is now, each as "rule: help (first element)";
 * an empty list when there are none.
 */
export async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  // A string, so that this file needs no DOM types: axe.run answers { violations: [...] }.
  const violations = await page.evaluate<AxeViolation[]>('axe.run(document).then((result) => result.violations)');
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

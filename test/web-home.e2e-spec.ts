import { join } from 'node:path';
import type { Connection } from 'mongoose';
import type { Browser, Page } from 'playwright-core';
import { ApiKeysRepository } from '@mmt/access';
import { TOPICS, type Journey, type RawLoading } from '@mmt/contracts';
import { simulate, type SimulatedMessage, type Simulation } from '@mmt/simulator';
import { connectStore } from '@mmt/store';
import { mailOptionsFromEnv } from '../apps/alerts/src/mail-options';
import { sendSimulation } from '../apps/simulator/src/send-simulation';
import {
  consoleErrors,
  DESKTOP,
  launchBrowser,
  openWithKey,
  PHONE,
  prepareBrowserSuite,
  SCREENSHOTS,
  seriousViolations,
} from './support/browser';
import { sendCustomsReport } from './support/customs-reports';
import { drainTo } from './support/drain';
import { expectedOutcome } from './support/ground-truth';
import { feedUpTo } from './support/partial-feed';
import { TestPipeline } from './support/pipeline';
import { SmtpSink } from './support/smtp-sink';
import { waitFor } from './support/graphql-client';

/**
 * The shipper's home in Debian's Chromium, against the real platform and a real SMTP server: the active shipments
 * sorted, a container followed from the page, its inspection notice e-mailed and shown in the app; no serious
 * accessibility violation in English or Chinese on a laptop or a phone, no console error, no sideways scrolling on a
 * phone. Saves home-desktop.png and home-phone.png in test-results/screenshots.
 */
const ADDRESS = 'shipper@tracking.test';
const FINISHED = new Set(['COMPLETED', 'CANCELLED']);

describe("The shipper's home in a real browser (real platform, real SMTP server)", () => {
  const pipeline = new TestPipeline('web-home');
  let store: Connection;
  let smtp: SmtpSink;
  let browser: Browser;
  let base: string;
  let simulation: Simulation;
  let active: Journey[];
  let shipperKey: string;

  /** The containers of the shipments table, top to bottom. */
  const rowOrder = (page: Page) =>
    page.evaluate<string[]>(
      `[...document.querySelectorAll('[data-testid=shipments] tbody tr')].map((row) => row.dataset.container)`,
    );
  const noOverflow = (page: Page) =>
    page.evaluate<boolean>('document.documentElement.scrollWidth <= document.documentElement.clientWidth');

  beforeAll(async () => {
    prepareBrowserSuite();
    store = await connectStore(pipeline.config.mongodbUri);
    smtp = await SmtpSink.start();
    simulation = simulate({
      journeys: 40,
      seed: 11,
      start: '2026-03-02T09:00:00+08:00',
      shuffle: 0,
      duplicates: 0,
      lateManifests: 0,
      conveyanceReports: false,
      invalid: 0,
    });
    // The feed up to a moment when the journeys are on their way: the active shipments.
    let messages: SimulatedMessage[];
    ({ simulation, messages } = feedUpTo(simulation, 0.7));
    const outcome = expectedOutcome(simulation.validMessages);
    await pipeline.start();
    const graphql = await pipeline.startGateway();
    base = graphql.replace(/\/graphql$/, '');
    await pipeline.startAlerts({
      mail: { ...mailOptionsFromEnv({}), smtpUrl: smtp.url, publicUrl: base, pollMs: 200 },
    });
    await sendSimulation(pipeline.kafka, pipeline.topics, messages, { rate: 0 });
    await drainTo(store, outcome, 3 * 60_000, 'web-home');
    await pipeline.waitUntilCommittedToEnd('alerts', [pipeline.topics.name(TOPICS.journeyUpdates)]);
    // The organisation with the most active shipments.
    const activeOf = (org: string) => outcome.journeys.filter((j) => j.orgIds.includes(org) && !FINISHED.has(j.status));
    const orgs = [...new Set(outcome.journeys.flatMap((j) => j.orgIds))];
    const org = orgs.sort((a, b) => activeOf(b).length - activeOf(a).length)[0];
    active = activeOf(org);
    const keys = new ApiKeysRepository(store);
    shipperKey = (await keys.create({ role: 'SHIPPER', orgId: org, name: 'Shipper' })).apiKey;
    browser = await launchBrowser();
  }, 5 * 60_000);

  afterAll(async () => {
    await browser?.close();
    await pipeline.stop(store);
    await store.close();
    await smtp.down();
  });

  it('lists the active shipments sorted, follows one, and e-mails and shows its inspection notice', async () => {
    expect(active.length).toBeGreaterThanOrEqual(2);
    // Most have an ETA and a delay by then, so that sorting by them is seen.
    expect(active.filter((j) => j.eta !== undefined && j.delayMinutes !== undefined).length).toBeGreaterThan(
      active.length / 2,
    );
    const page = await openWithKey(browser, base, shipperKey, '');
    const errors = consoleErrors(page);
    await page.waitForURL(/#\/home$/);
    await page.locator('[data-testid=shipments] tbody tr').first().waitFor();

    const etaOf = new Map(active.map((j) => [j.containerNo, j.eta ? Date.parse(j.eta) : Number.POSITIVE_INFINITY]));
    const delayOf = new Map(active.map((j) => [j.containerNo, j.delayMinutes ?? Number.NEGATIVE_INFINITY]));
    const ascending = (values: number[]) => values.every((v, i) => i === 0 || values[i - 1] <= v);
    const byEta = await rowOrder(page);
    expect([...byEta].sort()).toEqual(active.map((j) => j.containerNo).sort());
    expect(ascending(byEta.map((no) => etaOf.get(no)!))).toBe(true);
    await page.getByRole('button', { name: 'Delay', exact: true }).click();
    expect(ascending((await rowOrder(page)).map((no) => delayOf.get(no)!))).toBe(true);
    await page.getByRole('button', { name: 'Delay', exact: true }).click();
    expect(ascending((await rowOrder(page)).map((no) => -delayOf.get(no)!))).toBe(true);
    await page.getByRole('button', { name: 'Container', exact: true }).click();
    expect(await rowOrder(page)).toEqual(active.map((j) => j.containerNo).sort());
    const link = page.locator('[data-testid=shipments] tbody a').first();
    expect(await link.getAttribute('href')).toBe(`#/track/${(await rowOrder(page))[0]}`);

    const withLoading = new Set(
      simulation.validMessages.filter((m): m is RawLoading => m.kind === 'LOADING').map((m) => m.containerNo),
    );
    const target = active.find(
      (j) => withLoading.has(j.containerNo) && active.filter((k) => k.containerNo === j.containerNo).length === 1,
    )!;
    await page.getByLabel('E-mail for notifications (optional)').fill(ADDRESS);
    await page.getByRole('button', { name: `Follow ${target.containerNo}` }).click();
    await page.getByTestId('watchlist').getByText(target.containerNo).waitFor();

    await sendCustomsReport(pipeline.kafka, pipeline.topics, simulation, target.containerNo, 'CUSTOMS_SELECTED');
    await waitFor('the e-mail of the inspection notice', () => smtp.to(ADDRESS).length > 0, 60_000);
    expect(smtp.to(ADDRESS)[0].subject).toContain(target.containerNo);
    await page.getByTestId('notifications').locator('li[data-kind=INSPECTION]').waitFor({ timeout: 15_000 });
    await expect(page.getByTestId('notifications').textContent()).resolves.toContain(target.containerNo);

    await page.screenshot({ path: join(SCREENSHOTS, 'home-desktop.png'), fullPage: true });
    expect(await seriousViolations(page)).toEqual([]);
    await page.setViewportSize(PHONE);
    expect(await noOverflow(page)).toBe(true);
    // The first screen, and the list of shipments as cards: the whole page is many screens long.
    await page.screenshot({ path: join(SCREENSHOTS, 'home-phone.png') });
    await page.getByTestId('shipments').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SCREENSHOTS, 'home-phone-shipments.png') });
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('button', { name: '中文' }).click();
    await page.getByRole('heading', { name: /您的在途货物/ }).waitFor();
    await page.getByTestId('notifications').getByText('海关查验通知').waitFor();
    expect(await noOverflow(page)).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    await page.setViewportSize(DESKTOP);
    expect(await seriousViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);
});

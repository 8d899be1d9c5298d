import { setTimeout as sleep } from 'node:timers/promises';
import type { Connection } from 'mongoose';
import type { Browser, Page } from 'playwright-core';
import { ApiKeysRepository } from '@mmt/access';
import { AlertsRepository } from '@mmt/alerts';
import { daysOf, periodOf } from '@mmt/analytics';
import { RAW_TOPICS, TOPICS } from '@mmt/contracts';
import { simulate } from '@mmt/simulator';
import { connectStore } from '@mmt/store';
import { sendSimulation } from '../apps/simulator/src/send-simulation';
import {
  consoleErrors,
  DESKTOP,
  launchBrowser,
  openWithKey,
  PHONE,
  prepareBrowserSuite,
  screenshot,
  seriousViolations,
} from './support/browser';
import { query } from './support/graphql-client';
import { TestPipeline } from './support/pipeline';

/**
 * The port office dashboard in Debian's Chromium (playwright-core), against the real platform fed by the
 * simulator: its figures for a month, an ISO week and a day are the GraphQL API's; its period lives in the URL and
 * the menu's link and opens on the latest month with figures; alerts come a page at a time with their total and
 * filters; missing figures say "no data"; it fits a phone, and axe-core finds nothing serious in either language.
 */
const PAGE_SIZE = 10;

type Throughput = { containers: number; teu: number };
type PeriodFigures = {
  corridorStats: { started: Throughput; delivered: Throughput; transit: { p50Minutes: number } | null };
  hubStats: { arrived: Throughput };
  containersNow: { atPlaces: { locode: string; containers: number }[] };
  corridorDays: { period: string; delivered: { containers: number } }[];
};
type AlertNode = { alertId: string; state: string; acknowledgedBy: string | null };
type AlertPage = { totalCount: number; endCursor: string | null; hasNextPage: boolean; nodes: AlertNode[] };

describe('The port office dashboard in a real browser (real platform, simulator feed)', () => {
  const pipeline = new TestPipeline('web_dashboard');
  let store: Connection;
  let browser: Browser;
  let base: string;
  let graphql: string;
  let portKey: string;
  /** What each page opened wrote to the console as an error. */
  const errors: string[][] = [];

  /** The dashboard at `hash`, its console watched for errors from its first load (the key is kept on reload). */
  const open = async (hash: string, viewport = DESKTOP): Promise<Page> => {
    const page = await openWithKey(browser, base, portKey, hash, viewport);
    page.setDefaultTimeout(10_000);
    errors.push(consoleErrors(page));
    await page.reload();
    return page;
  };
  async function api<T>(text: string, variables: Record<string, unknown> = {}): Promise<T> {
    const answer = await query<T>(graphql, portKey, text, variables);
    expect(answer.errors).toBeUndefined();
    return answer.data!;
  }
  /** Waits until the page shows the figures of `period`. */
  const shown = (page: Page, period: string) =>
    page.locator(`[data-testid=period-days][data-period="${period}"]`).waitFor();
  const figuresOf = (period: string) =>
    api<PeriodFigures>(
      `query ($period: String!) {
        corridorStats(corridor: CHINA_EUROPE_RAIL, period: $period) { started { containers teu } delivered { containers teu } transit { p50Minutes } }
        hubStats(locode: "DEDUI", period: $period) { arrived { containers teu } }
        containersNow { atPlaces { locode containers } }
        corridorDays(corridor: CHINA_EUROPE_RAIL, period: $period) { period delivered { containers } }
      }`,
      { period },
    );
  const alertPage = async (filter: Record<string, unknown>, after: string | null = null) =>
    (
      await api<{ alertPage: AlertPage }>(
        `query ($filter: AlertFilter, $after: String) { alertPage(filter: $filter, first: ${PAGE_SIZE}, after: $after) {
          totalCount endCursor hasNextPage nodes { alertId state acknowledgedBy } } }`,
        { filter, after },
      )
    ).alertPage;
  const shownAlerts = (page: Page) =>
    page.evaluate<string[]>(`[...document.querySelectorAll('[data-alert-id]')].map((item) => item.dataset.alertId)`);
  /**
   * Reads until the answer is `expected` (a page that refreshes), for at most 10 s; then expects it. Compared as
   * JSON: the page's answers are built in another realm than the test's, which a strict deep equality tells apart.
   */
  async function eventually<T>(read: () => Promise<T>, expected: T): Promise<void> {
    let answer = await read();
    const wanted = JSON.stringify(expected);
    for (const end = Date.now() + 10_000; JSON.stringify(answer) !== wanted && Date.now() < end;) {
      await sleep(100);
      answer = await read();
    }
    expect(answer).toEqual(expected);
  }
  /** The page's figures for the China-Europe card, DEDUI's row and the daily chart equal the API's. */
  async function expectFiguresOf(page: Page, period: string) {
    const answer = await figuresOf(period);
    const card = page.getByTestId('corridor-CHINA_EUROPE_RAIL');
    const { started, delivered } = answer.corridorStats;
    await expect(card.getByTestId('started').textContent()).resolves.toBe(
      `${started.containers} containers · ${started.teu} TEU`,
    );
    await expect(card.getByTestId('delivered').textContent()).resolves.toBe(
      `${delivered.containers} containers · ${delivered.teu} TEU`,
    );
    await expect(page.getByTestId('hub-DEDUI').locator('td').first().textContent()).resolves.toBe(
      String(answer.hubStats.arrived.containers),
    );
    const chart = page.getByTestId('daily');
    const days = JSON.parse((await chart.getAttribute('data-days'))!) as string[];
    const daily = JSON.parse((await chart.getAttribute('data-delivered'))!) as number[][];
    expect(days).toEqual(daysOf(period));
    expect(days).toEqual(answer.corridorDays.map((d) => d.period));
    expect(daily[0]).toEqual(answer.corridorDays.map((d) => d.delivered.containers));
    expect(daily[0].reduce((a, b) => a + b, 0)).toBe(delivered.containers);
    return answer;
  }

  let latestDay: string;
  /** The day of the month with the most China-Europe deliveries, and its ISO week. */
  let busyDay: string;

  beforeAll(async () => {
    prepareBrowserSuite();
    store = await connectStore(pipeline.config.mongodbUri);
    const simulation = simulate({
      journeys: 60,
      seed: 8,
      start: '2026-03-02T09:00:00+08:00',
      shuffle: 0.2,
      duplicates: 0.05,
      lateManifests: 0.2,
      conveyanceReports: true,
      invalid: 0,
    });
    await pipeline.start();
    await pipeline.startAnalytics();
    await pipeline.startAlerts();
    graphql = await pipeline.startGateway();
    base = graphql.replace(/\/graphql$/, '');
    await sendSimulation(pipeline.kafka, pipeline.topics, simulation.messages, { rate: 0 });
    // Every message taken in, every event projected, every journey update counted and judged.
    await pipeline.waitUntilCommittedToEnd(
      'normalizer',
      RAW_TOPICS.map((topic) => pipeline.topics.name(topic)),
    );
    await pipeline.waitUntilCommittedToEnd('projector', [pipeline.topics.name(TOPICS.trackingEvents)]);
    for (const service of ['analytics', 'alerts']) {
      await pipeline.waitUntilCommittedToEnd(service, [pipeline.topics.name(TOPICS.journeyUpdates)]);
    }
    portKey = (
      await new ApiKeysRepository(store).create({ role: 'PORT_OFFICE', orgId: 'PORT-CQ', name: 'Port office' })
    ).apiKey;
    browser = await launchBrowser();
    latestDay = (await api<{ latestStatsDay: string }>('{ latestStatsDay }')).latestStatsDay;
    const march = await figuresOf('2026-03');
    busyDay = [...march.corridorDays].sort((a, b) => b.delivered.containers - a.delivered.containers)[0].period;
  }, 8 * 60_000);

  afterAll(async () => {
    await browser?.close();
    await pipeline.stop(store);
    await store.close();
  });

  it('shows the port office the statistics, map counts and alerts that the GraphQL API returns', async () => {
    const page = await open('#/dashboard?period=2026-03');
    await shown(page, '2026-03');
    const figures = await expectFiguresOf(page, '2026-03');
    expect(figures.corridorStats.started.containers).toBeGreaterThan(0);
    const mapCounts = await page.locator('.chart.map').getAttribute('data-counts');
    expect(JSON.parse(mapCounts!)).toEqual(
      Object.fromEntries(figures.containersNow.atPlaces.map((p) => [p.locode, p.containers])),
    );
    // Corridors and places as words, not codes.
    await expect(page.getByTestId('corridor-CHINA_EUROPE_RAIL').locator('h3').textContent()).resolves.toBe(
      'China-Europe Railway Express',
    );
    await expect(page.getByTestId('hub-DEDUI').locator('th').textContent()).resolves.toBe('Duisburg');

    // The alerts: open ones only, the API's first page, with their total.
    const openAlerts = await alertPage({ states: ['OPEN'] });
    expect(openAlerts.totalCount).toBeGreaterThan(PAGE_SIZE);
    await page.locator('[data-alert-id]').first().waitFor();
    expect(await shownAlerts(page)).toEqual(openAlerts.nodes.map((a) => a.alertId));
    await expect(page.getByTestId('alert-count').textContent()).resolves.toBe(
      `${openAlerts.totalCount} alerts · 1–${PAGE_SIZE} of ${openAlerts.totalCount}`,
    );
    const first = page.locator('[data-alert-id]').first();
    await expect(first.locator('.kind').textContent()).resolves.not.toMatch(/^[A-Z_]+$/);
    await expect(first.getByTestId('raised').textContent()).resolves.toMatch(/GMT[+-]\d/);
    // The operation and its figures in words, not the platform's codes (BOX_SHIFTING, CONSIGNEE_PICKUP).
    const details = await page.locator('[data-alert-id] .message').allTextContents();
    expect(details.filter((text) => /[A-Z]+_[A-Z]+/.test(text))).toEqual([]);
    expect(details.some((text) => / took \d+\.\d h, over the limit of \d+\.\d h/.test(text))).toBe(true);
    await screenshot(page, 'dashboard-desktop');

    // Acknowledge the first alert: the API has it ACKNOWLEDGED, and it leaves the open alerts.
    const alertId = (await first.getAttribute('data-alert-id'))!;
    await first.getByRole('button', { name: 'Acknowledge' }).click();
    await page.locator(`[data-alert-id="${alertId}"]`).waitFor({ state: 'detached' });
    const acknowledged = await alertPage({ states: ['ACKNOWLEDGED'] });
    expect(acknowledged.nodes.map((a) => a.alertId)).toEqual([alertId]);
    expect(acknowledged.nodes[0].acknowledgedBy).toBe('Port office');
    // Shown under Acknowledged, with who acknowledged it and when, in local time with its offset.
    await page.getByLabel('State', { exact: true }).selectOption('ACKNOWLEDGED');
    const item = page.locator(`[data-alert-id="${alertId}"]`);
    await expect(item.getByTestId('acknowledged').textContent()).resolves.toMatch(
      /Acknowledged by Port office, .*GMT[+-]\d/,
    );
    expect(await item.getByRole('button').count()).toBe(0);
    expect(page.url()).toContain('state=ACKNOWLEDGED');
    await page.close();
  }, 60_000);

  it('shows a week and a day as the API counts them, keeping the period in the URL and the menu link', async () => {
    const week = periodOf('WEEK', `${busyDay}T12:00:00+08:00`);
    const page = await open(`#/dashboard?period=${week}`);
    await shown(page, week);
    const weekly = await expectFiguresOf(page, week);
    expect(weekly.corridorDays).toHaveLength(7);
    expect(weekly.corridorStats.delivered.containers).toBeGreaterThan(0);
    await expect(page.getByLabel('Period', { exact: true }).inputValue()).resolves.toBe(week);

    // Pick a day: the figures are the day's, the URL and the menu's link say so, and the page was not reopened.
    await page.evaluate('window.notReopened = true');
    await page.getByLabel('Period by').selectOption('DAY');
    // Another granularity keeps the middle of the period shown: a week's Thursday.
    await shown(page, daysOf(week)[3]);
    await page.getByLabel('Period', { exact: true }).fill(busyDay);
    await shown(page, busyDay);
    const daily = await expectFiguresOf(page, busyDay);
    expect(daily.corridorStats.delivered.containers).toBeGreaterThan(0);
    expect(new URL(page.url()).hash).toBe(`#/dashboard?period=${busyDay}`);
    await expect(page.getByRole('link', { name: 'Port office dashboard' }).getAttribute('href')).resolves.toBe(
      `#/dashboard?period=${busyDay}`,
    );
    await expect(page.evaluate('window.notReopened')).resolves.toBe(true);
    // The menu's link keeps the period from another page.
    await page.getByRole('link', { name: 'Track a container' }).click();
    await page.getByRole('link', { name: 'Port office dashboard' }).click();
    await shown(page, busyDay);
    await page.close();
  }, 60_000);

  it('opens on the latest month with figures when the URL names no period', async () => {
    expect(latestDay).toMatch(/^2026-0[34]-\d\d$/);
    const month = periodOf('MONTH', `${latestDay}T12:00:00+08:00`);
    const page = await open('#/dashboard');
    await shown(page, month);
    expect(new URL(page.url()).hash).toBe(`#/dashboard?period=${month}`);
    const figures = await expectFiguresOf(page, month);
    expect(figures.corridorStats.started.containers + figures.corridorStats.delivered.containers).toBeGreaterThan(0);
    await page.close();
  }, 60_000);

  it('says which periods it takes when given a bad one, and keeps the toolbar to fix it', async () => {
    const page = await open('#/dashboard?period=2026-13');
    await expect(page.getByTestId('period-problem').textContent()).resolves.toBe(
      '“2026-13” is not a period. Enter a day (2026-03-10), an ISO week (2026-W11) or a month (2026-03).',
    );
    await expect(page.getByRole('alert').first().isVisible()).resolves.toBe(true);
    await expect(page.getByTestId('corridor-CHINA_EUROPE_RAIL').isVisible()).resolves.toBe(false);
    await page.getByLabel('Period', { exact: true }).fill('2026-03');
    await shown(page, '2026-03');
    await expect(page.getByTestId('period-problem').textContent()).resolves.toBe('');
    expect(new URL(page.url()).hash).toBe('#/dashboard?period=2026-03');
    await page.close();

    // The API says as precisely what it takes.
    const answer = await query(
      graphql,
      portKey,
      '{ corridorStats(corridor: CHINA_EUROPE_RAIL, period: "2026-02-30") { period } }',
    );
    expect(answer.errors?.[0]).toMatchObject({
      message:
        'period must be a day (2026-03-02), an ISO week (2026-W10) or a month (2026-03) that the calendar has, not "2026-02-30"',
      extensions: { code: 'BAD_USER_INPUT' },
    });
  }, 60_000);

  it('pages the alerts with their total, filters them, and keeps both in the URL', async () => {
    const page = await open('#/dashboard?period=2026-03');
    const firstPage = await alertPage({ states: ['OPEN'] });
    const secondPage = await alertPage({ states: ['OPEN'] }, firstPage.endCursor);
    await page.locator('[data-alert-id]').first().waitFor();
    await page.getByRole('button', { name: 'Next page' }).click();
    await eventually(
      () => shownAlerts(page),
      secondPage.nodes.map((a) => a.alertId),
    );
    const last = PAGE_SIZE + secondPage.nodes.length;
    await expect(page.getByTestId('alert-count').textContent()).resolves.toBe(
      `${firstPage.totalCount} alerts · ${PAGE_SIZE + 1}–${last} of ${firstPage.totalCount}`,
    );
    expect(page.url()).toContain('after=');
    // The second page from its URL, as a bookmark would open it.
    const again = await open(new URL(page.url()).hash);
    await again.locator('[data-alert-id]').first().waitFor();
    expect(await shownAlerts(again)).toEqual(secondPage.nodes.map((a) => a.alertId));
    await again.close();
    await page.getByRole('button', { name: 'Previous page' }).click();
    await eventually(
      () => shownAlerts(page),
      firstPage.nodes.map((a) => a.alertId),
    );

    // Filters: corridor, cold chain, kind, each the API's answer for the same filter.
    await page.getByLabel('Corridor', { exact: true }).selectOption('LAND_SEA_CORRIDOR');
    const landSea = await alertPage({ states: ['OPEN'], corridor: 'LAND_SEA_CORRIDOR' });
    await eventually(
      () => shownAlerts(page),
      landSea.nodes.map((a) => a.alertId),
    );
    await page.getByLabel('Corridor', { exact: true }).selectOption('');
    await page.getByLabel('Cargo', { exact: true }).selectOption('cold');
    const cold = await alertPage({ states: ['OPEN'], coldChain: true });
    await eventually(
      () => shownAlerts(page),
      cold.nodes.map((a) => a.alertId),
    );
    await expect(page.getByTestId('alert-count').textContent()).resolves.toContain(`${cold.totalCount} alerts`);
    await page.getByLabel('Cargo', { exact: true }).selectOption('');
    await page.getByLabel('Kind', { exact: true }).selectOption('TIME_LIMIT_BREACH');
    const breaches = await alertPage({ states: ['OPEN'], kinds: ['TIME_LIMIT_BREACH'] });
    await eventually(
      () => shownAlerts(page),
      breaches.nodes.map((a) => a.alertId),
    );
    expect(new URL(page.url()).hash).toBe('#/dashboard?period=2026-03&kind=TIME_LIMIT_BREACH');
    await page.close();
  }, 60_000);

  it('says in the page when an alert could not be acknowledged', async () => {
    const page = await open('#/dashboard?period=2026-03');
    const first = page.locator('[data-alert-id]').first();
    await first.waitFor();
    const alertId = (await first.getAttribute('data-alert-id'))!;
    // Another desk resolved it meanwhile; this page has not heard of it yet.
    await new AlertsRepository(store).changeAlert(alertId, ['OPEN'], {
      state: 'RESOLVED',
      resolvedAt: new Date().toISOString(),
      resolvedBy: 'Another desk',
    });
    await first.getByRole('button', { name: 'Acknowledge' }).click();
    const problem = page.getByRole('alert').filter({ hasText: 'could not be acknowledged' });
    await expect(problem.textContent()).resolves.toBe(
      'The alert could not be acknowledged: it is no longer open (resolved, cleared or acknowledged meanwhile).',
    );
    await expect(problem.isVisible()).resolves.toBe(true);
    await page.locator(`[data-alert-id="${alertId}"]`).waitFor({ state: 'detached' });
    await page.close();
  }, 60_000);

  it('says "no data" where nothing was measured in the period', async () => {
    // A day on which Chongqing cleared nothing and Duisburg let no container leave.
    const empty = daysOf('2026-03').find((day) => day < busyDay)!;
    const report = await api<{
      clearanceReport: { rows: { clearance: unknown }[] };
      hubStats: { dwell: unknown };
    }>(
      `{ clearanceReport(port: "CNCQI", period: "${empty}") { rows { clearance { meanMinutes } } }
         hubStats(locode: "DEDUI", period: "${empty}") { dwell { p50Minutes } } }`,
    );
    expect([report.clearanceReport.rows[0].clearance, report.hubStats.dwell]).toEqual([null, null]);
    const page = await open(`#/dashboard?period=${empty}`);
    await shown(page, empty);
    await expect(page.getByTestId('clearance-CNCQI').textContent()).resolves.toMatch(/^Chongqing: Mean no data/);
    await expect(page.getByTestId('hub-DEDUI').locator('td').nth(3).textContent()).resolves.toBe('no data');
    await expect(page.getByTestId('corridor-CHINA_EUROPE_RAIL').getByTestId('transit-p50').textContent()).resolves.toBe(
      'no data',
    );
    await page.close();
  }, 60_000);

  it('fits a phone: no sideways scrolling, every hub figure and alert time in view, a sensible height', async () => {
    const page = await open('#/dashboard?period=2026-03', PHONE);
    await shown(page, '2026-03');
    await page.locator('[data-alert-id]').first().waitFor();
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(PHONE.width);
    const outside = await page.evaluate(`[...document.querySelectorAll('[data-testid^=hub-] > *, [data-alert-id] time')]
      .map((cell) => [cell.textContent, cell.getBoundingClientRect()])
      .filter(([, box]) => box.width === 0 || box.left < 0 || box.right > ${PHONE.width})
      .map(([text]) => text)`);
    expect(outside).toEqual([]);
    const height = await page.evaluate<number>('document.documentElement.scrollHeight');
    console.log(`web-dashboard: the dashboard is ${height} px tall on a phone`);
    expect(height).toBeLessThan(6_000);
    await screenshot(page, 'dashboard-phone');
    await page.close();
  }, 60_000);

  it('has no serious accessibility violations in English and Chinese, on a laptop and a phone', async () => {
    for (const viewport of [DESKTOP, PHONE]) {
      const page = await open('#/dashboard?period=2026-03&state=LIVE', viewport);
      await shown(page, '2026-03');
      await page.locator('[data-alert-id]').first().waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await page.getByRole('button', { name: '中文' }).click();
      await shown(page, '2026-03');
      await page.locator('[data-alert-id]').first().waitFor();
      await expect(page.getByTestId('corridor-CHINA_EUROPE_RAIL').locator('h3').textContent()).resolves.toBe(
        '中欧班列',
      );
      await expect(page.locator('[data-alert-id] .kind').first().textContent()).resolves.toMatch(/[\u4e00-\u9fff]/);
      const details = await page.locator('[data-alert-id] .message').allTextContents();
      expect(details.filter((text) => /[A-Z]+_[A-Z]+/.test(text) || !/[\u4e00-\u9fff]/.test(text))).toEqual([]);
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, viewport === DESKTOP ? 'dashboard-desktop-zh' : 'dashboard-phone-zh');
      await page.close();
    }
  }, 60_000);

  it('works from the keyboard: every control has a label and takes the focus', async () => {
    const page = await open('#/dashboard?period=2026-03');
    await shown(page, '2026-03');
    const unlabelled = await page.evaluate(`[...document.querySelectorAll('main input, main select')]
      .filter((control) => control.labels.length === 0).map((control) => control.id)`);
    expect(unlabelled).toEqual([]);
    await page.getByLabel('Corridor', { exact: true }).focus();
    await page.keyboard.press('ArrowDown');
    await eventually(() => Promise.resolve(page.url().includes('corridor=CHINA_EUROPE_RAIL')), true);
    await page.close();
  }, 60_000);

  it('writes no error to the console on any of these pages', () => {
    expect(errors.flat()).toEqual([]);
  });
});

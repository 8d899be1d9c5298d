import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Connection } from 'mongoose';
import type { Browser, Page } from 'playwright-core';
import { ApiKeysRepository } from '@mmt/access';
import { makeContainerNo, TOPICS, type Journey, type RawLoading } from '@mmt/contracts';
import { createProducer } from '@mmt/kafka';
import { simulate, type Simulation } from '@mmt/simulator';
import { connectStore, JourneysRepository } from '@mmt/store';
import { WEB_DIR } from '../apps/gateway/src/main';
import { ShareLinks } from '../apps/gateway/src/share/share-links';
import { sendSimulation } from '../apps/simulator/src/send-simulation';
import { DESKTOP, launchBrowser, openWithKey, PHONE, SCREENSHOTS } from './support/browser';
import { drainTo } from './support/drain';
import { expectedOutcome } from './support/ground-truth';
import { query } from './support/graphql-client';
import { TestPipeline } from './support/pipeline';

/**
 * The web app in Debian's Chromium (playwright-core), against the real platform fed by the simulator (the port
 * office dashboard has its own suite, test/web-dashboard.e2e-spec.ts): a tracking page follows a new event live,
 * a partner reaches no other organisation's journey, and screenshots of the tracking page are saved in
 * test-results/screenshots.
 */
describe('The web app in a real browser (real platform, simulator feed)', () => {
  const pipeline = new TestPipeline('web');
  let store: Connection;
  let browser: Browser;
  let base: string;
  let graphql: string;
  let stopGateway: () => Promise<void>;
  let simulation: Simulation;
  let journeys: Journey[];
  let partnerKey: string;
  let partnerOrg: string;

  const open = (key: string, hash: string, viewport = DESKTOP): Promise<Page> =>
    openWithKey(browser, base, key, hash, viewport);
  const screenshot = (page: Page, name: string) =>
    page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });

  beforeAll(async () => {
    if (!existsSync(join(WEB_DIR, 'index.html'))) {
      throw new Error(`the web app is not built in ${WEB_DIR}: run npm run build:web (npm test does)`);
    }
    mkdirSync(SCREENSHOTS, { recursive: true });
    store = await connectStore(pipeline.config.mongodbUri);
    simulation = simulate({
      journeys: 60,
      seed: 8,
      start: '2026-03-02T09:00:00+08:00',
      shuffle: 0.2,
      duplicates: 0.05,
      lateManifests: 0.2,
      conveyanceReports: true,
      invalid: 0,
    });
    const outcome = expectedOutcome(simulation.validMessages);
    journeys = outcome.journeys;
    await pipeline.start();
    await pipeline.startAnalytics();
    await pipeline.startAlerts();
    ({ url: graphql, stop: stopGateway } = await pipeline.startStoppableGateway());
    base = graphql.replace(/\/graphql$/, '');
    await sendSimulation(pipeline.kafka, pipeline.topics, simulation.messages, { rate: 0 });
    await drainTo(store, outcome, 5 * 60_000, 'web');
    await pipeline.waitUntilCommittedToEnd('analytics', [pipeline.topics.name(TOPICS.journeyUpdates)]);
    await pipeline.waitUntilCommittedToEnd('alerts', [pipeline.topics.name(TOPICS.journeyUpdates)]);
    const keys = new ApiKeysRepository(store);
    partnerOrg = journeys[0].orgIds[0];
    partnerKey = (await keys.create({ role: 'PARTNER', orgId: partnerOrg, name: 'Partner' })).apiKey;
    browser = await launchBrowser();
  }, 8 * 60_000);

  afterAll(async () => {
    await browser?.close();
    await pipeline.stop(store);
    await store.close();
  });

  it('shows a new event on an open tracking page within 2 s, without a reload', async () => {
    const onlyJourney = (j: Journey) => journeys.filter((k) => k.containerNo === j.containerNo).length === 1;
    const journey = journeys.find((j) => j.orgIds.includes(partnerOrg) && onlyJourney(j))!;
    const page = await open(partnerKey, `#/track/${journey.containerNo}`);
    const milestones = page.getByTestId('milestones').locator('li');
    await milestones.first().waitFor();
    const before = await milestones.count();
    expect(before).toBe(journey.milestones.length);
    await page.getByRole('status').getByText('Live', { exact: true }).waitFor();

    const report = simulation.validMessages.find(
      (m): m is RawLoading => m.kind === 'LOADING' && m.containerNo === journey.containerNo,
    )!;
    // Customs selects the container for inspection: a new milestone, and an inspection notice for its parties.
    const { conveyance, ...atPlace } = report;
    void conveyance;
    const selected: RawLoading = {
      ...atPlace,
      messageId: `${report.messageId}-web-selected`,
      operation: 'CUSTOMS_SELECTED',
      classifier: 'ACT',
      sentAt: new Date().toISOString(),
      eventTime: new Date(Date.parse(report.eventTime) + 60_000).toISOString(),
    };
    const producer = createProducer(pipeline.kafka);
    await producer.connect();
    await producer.send({
      topic: pipeline.topics.name(TOPICS.rawLoading),
      messages: [{ key: selected.containerNo, value: JSON.stringify(selected) }],
      acks: -1,
    });
    const sent = Date.now();
    await page.waitForFunction(`document.querySelectorAll('[data-testid=milestones] li').length > ${before}`, null, {
      timeout: 10_000,
    });
    const shownAfterMs = Date.now() - sent;
    await producer.disconnect();
    console.log(`web: the new event was on the tracking page ${shownAfterMs} ms after Kafka had it`);
    expect(shownAfterMs).toBeLessThanOrEqual(2_000);
    await page.getByTestId('notices').getByText('SELECTED_FOR_INSPECTION').waitFor({ timeout: 10_000 });
    await screenshot(page, 'tracking-desktop');
    await page.setViewportSize(PHONE);
    await screenshot(page, 'tracking-phone');
    await page.close();
  }, 60_000);

  it("keeps a partner from another organisation's journey, by search or by editing the URL", async () => {
    // Another organisation's journey whose first document is on none of the partner's own journeys.
    const ownRefs = new Set(
      journeys.filter((j) => j.orgIds.includes(partnerOrg)).flatMap((j) => j.documents.map((d) => d.ref)),
    );
    const other = journeys.find((j) => !j.orgIds.includes(partnerOrg) && !ownRefs.has(j.documents[0].ref))!;
    const page = await open(partnerKey, `#/track/${other.containerNo}`);
    await expect(page.getByRole('alert').textContent()).resolves.toContain('No journey found');
    await expect(page.locator('[data-journey-id]').count()).resolves.toBe(0);

    await page.getByLabel('Container, waybill, bill of lading, manifest or train').fill(other.documents[0].ref);
    await page.getByRole('button', { name: 'Find' }).click();
    await page.waitForFunction(`location.hash.includes('track/${other.documents[0].ref}')`);
    await expect(page.getByRole('alert').textContent()).resolves.toContain('No journey found');
    await expect(page.locator('[data-journey-id]').count()).resolves.toBe(0);
    await page.close();
  }, 60_000);

  it('shares a read-only link to a journey, which anyone may open until it expires', async () => {
    const journey = journeys.find((j) => j.orgIds.includes(partnerOrg))!;
    const page = await open(partnerKey, `#/track/${journey.containerNo}`);
    await page.getByRole('button', { name: 'Share a read-only link' }).click();
    const link = page.locator('#share-url');
    await link.waitFor();
    const url = await link.inputValue();
    expect(url).toMatch(new RegExp(`^${base}/app/#/shared/shr_`));
    await page.close();

    // Someone without any key opens it: the journey, without the audit trail and notices of the key holders.
    const visitor = await browser.newContext({ viewport: PHONE });
    const shared = await visitor.newPage();
    await shared.goto(url);
    await shared.locator(`[data-journey-id="${journey.journeyId}"]`).waitFor();
    await expect(shared.getByTestId('milestones').locator('li').count()).resolves.toBeGreaterThan(0);
    await expect(shared.getByTestId('audit').count()).resolves.toBe(0);

    // An edited token, and a link past its time, say so.
    await shared.goto(`${url.slice(0, -4)}AAAA`);
    await shared.getByRole('alert').filter({ hasText: 'does not exist' }).waitFor();
    const partner = (await new ApiKeysRepository(store).authenticate(partnerKey))!;
    const old = await new ShareLinks(store, new JourneysRepository(store)).create(
      partner,
      journey.journeyId,
      1,
      Date.now() - 2 * 3_600_000,
    );
    await shared.goto(`${base}${old.path}`);
    await shared.getByRole('alert').filter({ hasText: 'has expired' }).waitFor();
    await visitor.close();

    // A partner cannot share another organisation's journey: it is not found, as by a search.
    const other = journeys.find((j) => !j.orgIds.includes(partnerOrg))!;
    const refused = await query(
      graphql,
      partnerKey,
      `mutation { shareJourney(containerNo: "${other.containerNo}") { token } }`,
    );
    expect(refused.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  }, 60_000);

  it('explains a revoked key, and speaks Chinese on request', async () => {
    const keys = new ApiKeysRepository(store);
    const created = await keys.create({ role: 'PARTNER', orgId: partnerOrg, name: 'Soon revoked' });
    await keys.revoke(created.principal.keyId);
    const page = await open(created.apiKey, '#/track');
    await expect(page.getByRole('alert').textContent()).resolves.toContain('not valid (revoked or mistyped)');
    await page.getByRole('button', { name: '中文' }).click();
    await expect(page.locator('#title').textContent()).resolves.toBe('铁水联运集装箱跟踪');
    await page.close();
  }, 60_000);

  it('says nothing of the connection while nothing is followed, finds on a second press, and logs no error', async () => {
    const page = await browser.newPage({ viewport: DESKTOP });
    const errors: string[] = [];
    page.on('console', (message) => (message.type() === 'error' ? errors.push(message.text()) : undefined));
    page.on('pageerror', (error) => errors.push(error.message));
    const journey = journeys.find((j) => j.orgIds.includes(partnerOrg))!;
    await page.goto(`${base}/app/#/track/${journey.containerNo}`);
    await page.getByLabel('API key').fill(partnerKey);
    await page.getByRole('button', { name: 'Use key' }).click();
    await page.getByRole('status').getByText('Live', { exact: true }).waitFor();

    // A container the platform does not know yet: not found, and the closed connection is not "lost".
    const later = {
      ...journey,
      containerNo: makeContainerNo('ZZZU', 4242),
      journeyId: `${makeContainerNo('ZZZU', 4242)}/LATER`,
    };
    await page.getByLabel('Container, waybill').fill(later.containerNo);
    await page.getByRole('button', { name: 'Find' }).click();
    await page.getByRole('alert').filter({ hasText: 'No journey found' }).waitFor();
    await page.waitForTimeout(3000);
    await expect(page.locator('#connection').textContent()).resolves.toBe('');

    // It arrives; Find pressed again with the same text finds it.
    const journeysStore = new JourneysRepository(store);
    await journeysStore.saveAll([later]);
    try {
      await page.getByRole('button', { name: 'Find' }).click();
      await page.locator(`[data-journey-id="${later.journeyId}"]`).waitFor({ timeout: 15_000 });
    } finally {
      await journeysStore.deleteIds([later.journeyId]);
    }

    // The browser asks for /favicon.ico; the gateway has an icon.
    const icon = await fetch(`${base}/favicon.ico`);
    expect(icon.status).toBe(200);
    expect(icon.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
    await page.close();
    expect(errors).toEqual([]);
  }, 90_000);

  it('does not retry a refused key: one connection, and the page says why', async () => {
    const keys = new ApiKeysRepository(store);
    const created = await keys.create({ role: 'PORT_OFFICE', orgId: 'PORT-CQ', name: 'Revoked at once' });
    await keys.revoke(created.principal.keyId);
    const page = await browser.newPage({ viewport: DESKTOP });
    let sockets = 0;
    page.on('websocket', () => (sockets += 1));
    await page.goto(`${base}/app/#/dashboard`);
    await page.getByLabel('API key').fill(created.apiKey);
    await page.getByRole('button', { name: 'Use key' }).click();
    await page.getByRole('status').getByText('Live updates refused: the key was not accepted.').waitFor();
    // graphql-ws would have retried after 0.5, 1, 2 and 4 s.
    await page.waitForTimeout(6000);
    expect(sockets).toBe(1);
    await page.close();
  }, 60_000);

  it('says when the live connection is lost, and is live again once the gateway is back', async () => {
    const journey = journeys.find((j) => j.orgIds.includes(partnerOrg))!;
    const page = await open(partnerKey, `#/track/${journey.containerNo}`);
    await page.getByRole('status').getByText('Live', { exact: true }).waitFor();
    await stopGateway();
    await page
      .getByRole('status')
      .getByText('Connection lost: retrying…', { exact: true })
      .waitFor({ timeout: 15_000 });
    ({ stop: stopGateway } = await pipeline.startStoppableGateway(Number(new URL(base).port)));
    await page.getByRole('status').getByText('Live', { exact: true }).waitFor({ timeout: 30_000 });
    await page.close();
  }, 90_000);
});

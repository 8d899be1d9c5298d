import type { Connection } from 'mongoose';
import type { Browser, Page } from 'playwright-core';
import { ApiKeysRepository } from '@mmt/access';
import { LOCATIONS, makeContainerNo, TOPICS, type Journey, type RawLoading } from '@mmt/contracts';
import { latestMovementOf } from '@mmt/journey';
import { createProducer } from '@mmt/kafka';
import { simulate, type Simulation } from '@mmt/simulator';
import { connectStore, JourneysRepository } from '@mmt/store';
import { ShareLinks } from '../apps/gateway/src/share/share-links';
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
import { drainTo } from './support/drain';
import { expectedOutcome } from './support/ground-truth';
import { query } from './support/graphql-client';
import { TestPipeline } from './support/pipeline';

/**
 * Chromium's own console lines for an HTTP answer: the API's 401 to a wrong key (the answer the API must give), and
 * a connection refused while the gateway is down. They are the browser's reports, not errors of the page.
 */
const BROWSER_NETWORK_REPORT =
  /^(Failed to load resource: the server responded with a status of 401 \(Unauthorized\)|WebSocket connection to '[^']+' failed: Error in connection establishment: net::ERR_CONNECTION_REFUSED)$/;

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

  beforeAll(async () => {
    prepareBrowserSuite();
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
    await page.getByTestId('notices').getByText('Selected for customs inspection').waitFor({ timeout: 10_000 });
    await screenshot(page, 'tracking-desktop');
    await page.close();
  }, 60_000);

  it('speaks in words, place names and local times with their zone, in English and in Chinese', async () => {
    // The last such journey: the live-update test adds a milestone to the first.
    const journey = [...journeys]
      .reverse()
      .find(
        (j) => j.orgIds.includes(partnerOrg) && j.legs.length >= 2 && latestMovementOf(j.milestones) !== undefined,
      )!;
    const movement = latestMovementOf(journey.milestones)!;
    const place = LOCATIONS.find((l) => l.locode === movement.place!.locode)!;
    const page = await open(partnerKey, `#/track/${journey.containerNo}`);
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    const statusLine = page.getByTestId('status-line');
    await statusLine.waitFor();

    // The status line says what happened last, where, when (the place's own time and zone), as words.
    const localTime = (language: string) =>
      new Intl.DateTimeFormat(language, {
        year: 'numeric',
        month: 'short',
        day: 'numeric',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
        timeZone: place.timeZone,
        timeZoneName: 'shortOffset',
      }).format(new Date(movement.at));
    const line = (await statusLine.textContent())!;
    expect(line).toContain(place.nameEn);
    expect(line).toContain(localTime('en-GB'));
    expect(line).not.toContain(movement.code);

    // Milestones: no raw code, no bare UN/LOCODE, every time with its zone.
    const milestones = page.getByTestId('milestones').locator('li');
    const texts = await milestones.allTextContents();
    expect(texts).toHaveLength(journey.milestones.length);
    const rawCodes = /\b(ARRI|DEPA|LOAD|DISC|GTIN|GTOT|CROS|CUSD|CUSR|CUSS|CUSI|STUF|STRP|TRANSFER|PLN|EST|ACT)\b/;
    expect(texts.filter((text) => rawCodes.test(text) || LOCATIONS.some((l) => text.includes(l.locode)))).toEqual([]);
    const times = await page.getByTestId('milestones').locator('time').allTextContents();
    expect(times.filter((time) => !/ GMT([+-]\d{1,2}(:\d\d)?)?$/.test(time))).toEqual([]);

    // The journey's own references, its legs as cards, the audit trail with its column headers, the route map.
    const documents = (await page.getByTestId('documents').textContent())!;
    journey.documents.forEach((d) => expect(documents).toContain(d.ref));
    await expect(page.getByTestId('legs').locator('li').count()).resolves.toBe(journey.legs.length);
    await expect(page.getByTestId('audit').locator('thead th').allTextContents()).resolves.toEqual([
      'Event',
      'Kind',
      'Event time',
      'Received',
      'Source',
    ]);
    const route = (await page.locator('.chart.route').getAttribute('data-route'))!;
    expect(route.split(' ')).toEqual([journey.legs[0].from!.locode, ...journey.legs.map((l) => l.to!.locode)]);
    await page.locator('.chart.route canvas').first().waitFor();
    // Map data ships with the app: the page asked nothing of any other host.
    expect(requests.filter((url) => !url.startsWith(base) && !url.startsWith('ws'))).toEqual([]);
    await screenshot(page, 'tracking-words-desktop');

    // In Chinese: place names, milestone words and dates in Chinese.
    await page.getByRole('button', { name: '中文' }).click();
    try {
      await page.getByTestId('status-line').filter({ hasText: place.nameZh }).waitFor();
      await expect(page.getByTestId('status-line').textContent()).resolves.toContain(localTime('zh-CN'));
      const chinese = await page.getByTestId('milestones').locator('li strong').allTextContents();
      // CIM/SMGS is the consignment note's own name, in Chinese too.
      expect(chinese.filter((word) => /[A-Za-z]{3,}/.test(word.replace('CIM/SMGS', '')))).toEqual([]);
      await screenshot(page, 'tracking-chinese-desktop');
    } finally {
      await page.getByRole('button', { name: 'English' }).click();
    }
    await page.close();
  }, 60_000);

  it('fits a phone: no sideways scrolling, and every date of every leg in view', async () => {
    const journey = journeys.find((j) => j.orgIds.includes(partnerOrg) && j.legs.length >= 2)!;
    const page = await open(partnerKey, `#/track/${journey.containerNo}`, PHONE);
    await page.getByTestId('legs').locator('li').first().waitFor();
    await expect(page.evaluate('document.documentElement.scrollWidth')).resolves.toBeLessThanOrEqual(PHONE.width);
    const boxes = await page.evaluate<{ left: number; right: number }[]>(
      "[...document.querySelectorAll('[data-testid=legs] time')].map((time) => time.getBoundingClientRect().toJSON())",
    );
    expect(boxes.length).toBeGreaterThan(0);
    expect(boxes.filter((box) => box.left < 0 || box.right > PHONE.width)).toEqual([]);
    await screenshot(page, 'tracking-phone');
    await page.close();
  }, 60_000);

  it('has no serious or critical accessibility violations, in both languages and at both sizes', async () => {
    const journey = journeys.find((j) => j.orgIds.includes(partnerOrg))!;
    const found: string[] = [];
    for (const viewport of [DESKTOP, PHONE]) {
      const page = await browser.newPage({ viewport });
      await page.goto(`${base}/app/#/track`);
      await page.getByLabel('API key').waitFor();
      found.push(...(await seriousViolations(page)).map((v) => `key prompt ${viewport.width}: ${v}`));
      await page.getByLabel('API key').fill(partnerKey);
      await page.getByRole('button', { name: 'Use key' }).click();
      await page.getByLabel('Container, waybill, bill of lading, manifest or train').waitFor();
      found.push(...(await seriousViolations(page)).map((v) => `search ${viewport.width}: ${v}`));
      await page.goto(`${base}/app/#/track/${journey.containerNo}`);
      await page.getByTestId('status-line').waitFor();
      found.push(...(await seriousViolations(page)).map((v) => `journey en ${viewport.width}: ${v}`));
      await page.getByRole('button', { name: '中文' }).click();
      await page.getByRole('button', { name: 'English' }).waitFor();
      await page.getByTestId('status-line').waitFor();
      found.push(...(await seriousViolations(page)).map((v) => `journey zh ${viewport.width}: ${v}`));
      await page.getByRole('button', { name: 'English' }).click();
      await page.close();
    }
    expect(found).toEqual([]);
  }, 90_000);

  it('works from the keyboard alone: key, search, a journey, its share link', async () => {
    const journey = [...journeys].reverse().find((j) => j.orgIds.includes(partnerOrg))!;
    const page = await browser.newPage({ viewport: DESKTOP });
    await page.goto(`${base}/app/#/track`);
    // The key field has the focus; Enter submits the form.
    await page.keyboard.type(partnerKey);
    await page.keyboard.press('Enter');
    const search = page.getByLabel('Container, waybill, bill of lading, manifest or train');
    await search.waitFor();
    await search.focus();
    await page.keyboard.type(journey.containerNo);
    await page.keyboard.press('Enter');
    await page.getByTestId('status-line').waitFor();
    // Tab until the share button has the focus, then press it with the space bar.
    const focusedText = () => page.evaluate<string>('document.activeElement?.textContent ?? ""');
    for (let i = 0; i < 40 && (await focusedText()) !== 'Share a read-only link'; i += 1) {
      await page.keyboard.press('Tab');
    }
    expect(await focusedText()).toBe('Share a read-only link');
    await page.keyboard.press('Space');
    await page.locator('#share-url').waitFor();
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
    // Copy puts the link on the clipboard.
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base });
    await page.getByRole('button', { name: 'Copy link' }).click();
    await page.getByRole('status').filter({ hasText: 'Copied' }).waitFor();
    await expect(page.evaluate<string>('navigator.clipboard.readText()')).resolves.toBe(url);
    await page.close();

    // Someone without any key opens it: the journey, without the audit trail and notices of the key holders.
    const visitor = await browser.newContext({ viewport: PHONE });
    const shared = await visitor.newPage();
    await shared.goto(url);
    await shared.locator(`[data-journey-id="${journey.journeyId}"]`).waitFor();
    await expect(shared.getByTestId('milestones').locator('li').count()).resolves.toBeGreaterThan(0);
    await expect(shared.getByTestId('audit').count()).resolves.toBe(0);
    await shared.getByTestId('status-line').waitFor();
    await expect(seriousViolations(shared)).resolves.toEqual([]);

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
    const errors = consoleErrors(page);
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

  it('keeps the console free of errors through a whole session: a wrong key, the pages, a lost and restored gateway', async () => {
    const journey = journeys.find((j) => j.orgIds.includes(partnerOrg))!;
    const page = await browser.newPage({ viewport: DESKTOP });
    const errors = consoleErrors(page);
    await page.goto(`${base}/app/#/track/${journey.containerNo}`);
    await page.getByLabel('API key').fill('mmt_wrong_key');
    await page.getByRole('button', { name: 'Use key' }).click();
    await page.getByRole('alert').filter({ hasText: 'not valid' }).waitFor();
    await page.getByLabel('API key').fill(partnerKey);
    await page.getByRole('button', { name: 'Use key' }).click();
    await page.getByTestId('status-line').waitFor();
    await page.getByRole('status').getByText('Live', { exact: true }).waitFor();

    await stopGateway();
    await page
      .getByRole('status')
      .getByText('Connection lost: retrying…', { exact: true })
      .waitFor({ timeout: 15_000 });
    ({ stop: stopGateway } = await pipeline.startStoppableGateway(Number(new URL(base).port)));
    await page.getByRole('status').getByText('Live', { exact: true }).waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: '中文' }).click();
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByTestId('status-line').waitFor();
    await page.close();
    expect(errors.filter((e) => !BROWSER_NETWORK_REPORT.test(e))).toEqual([]);
  }, 90_000);
});

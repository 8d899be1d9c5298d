import type { Connection } from 'mongoose';
import { ApiKeysRepository } from '@mmt/access';
import { armFailpoints, disarmFailpoints, failpointFired } from '@mmt/config';
import type { Journey, RawInTransit, RawLoading } from '@mmt/contracts';
import { outboundStates } from '@mmt/metrics';
import { simulate, type SimulatedMessage, type Simulation } from '@mmt/simulator';
import { createProducer } from '@mmt/kafka';
import { connectStore } from '@mmt/store';
import { mailOptionsFromEnv } from '../apps/alerts/src/mail-options';
import { sendCustomsReport } from './support/customs-reports';
import { drainTo } from './support/drain';
import { expectedOutcome } from './support/ground-truth';
import { query, waitFor } from './support/graphql-client';
import { feedUpTo } from './support/partial-feed';
import { TestPipeline } from './support/pipeline';
import { SmtpSink } from './support/smtp-sink';
import { sendSimulation } from '../apps/simulator/src/send-simulation';
import { TOPICS } from '@mmt/contracts';

/**
 * Watchlist and notification e-mails against the real pipeline (Kafka, store, normalizer, projector, alerts,
 * gateway) and a real SMTP server on 127.0.0.1: an inspection notice of a followed container is e-mailed once, in
 * the language chosen, with a working unsubscribe link; a mail server that is down delays the e-mail, never loses
 * or doubles it; nobody follows another organisation's container.
 */
const FOLLOW = `mutation ($watch: WatchInput!) { follow(watch: $watch) { watchId emailOn language } }`;
const NOTIFICATIONS = `{ notifications(first: 50) { notificationId kind containerNo email emailError } }`;

interface Notified {
  notifications: {
    notificationId: string;
    kind: string;
    containerNo: string;
    email: string;
    emailError: string | null;
  }[];
}

describe('Watchlist notifications by e-mail (real pipeline, real SMTP server)', () => {
  const pipeline = new TestPipeline('notify');
  let store: Connection;
  let smtp: SmtpSink;
  let graphql: string;
  let simulation: Simulation;
  let journeys: Journey[];
  let shipperOrg: string;
  let shipperKey: string;

  /** Containers of the shipper's organisation with one journey and a loading report, each used by one test. */
  let candidates: Journey[];
  const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  const HOUR = 3_600_000;

  /** A new estimate of the container's arrival at its destination, as its source would send it. */
  const sendEstimate = async (journey: Journey, at: string, n: number) => {
    const report = simulation.validMessages
      .filter((m): m is RawInTransit => m.kind === 'IN_TRANSIT' && m.containerNo === journey.containerNo)
      .at(-1)!;
    const { estimatedArrival, ...rest } = report;
    void estimatedArrival;
    const estimate: RawInTransit = {
      ...rest,
      messageId: `${report.messageId}-eta-${n}`,
      status: 'ARRIVED',
      classifier: 'EST',
      location: journey.destination!,
      eventTime: at,
      sentAt: new Date().toISOString(),
    };
    const producer = createProducer(pipeline.kafka);
    await producer.connect();
    await producer.send({
      topic: pipeline.topics.name(TOPICS.rawInTransit),
      messages: [{ key: journey.containerNo, value: JSON.stringify(estimate) }],
      acks: -1,
    });
    await producer.disconnect();
  };
  const notifications = async (key: string) => (await query<Notified>(graphql, key, NOTIFICATIONS)).data!.notifications;

  beforeAll(async () => {
    store = await connectStore(pipeline.config.mongodbUri);
    smtp = await SmtpSink.start();
    simulation = simulate({
      journeys: 16,
      seed: 25,
      start: '2026-03-02T09:00:00+08:00',
      shuffle: 0,
      duplicates: 0,
      lateManifests: 0,
      conveyanceReports: false,
      invalid: 0,
    });
    // The feed up to a moment when the journeys are on their way, with ETAs.
    let messages: SimulatedMessage[];
    ({ simulation, messages } = feedUpTo(simulation, 0.7));
    const outcome = expectedOutcome(simulation.validMessages);
    journeys = outcome.journeys;
    await pipeline.start();
    graphql = await pipeline.startGateway();
    await pipeline.startAlerts({
      mail: {
        ...mailOptionsFromEnv({}),
        smtpUrl: smtp.url,
        from: 'Tracking <notify@tracking.test>',
        publicUrl: graphql.replace(/\/graphql$/, ''),
        pollMs: 200,
        retry: { baseDelayMs: 300, maxDelayMs: 1000, retryWindowMs: 10 * 60_000 },
      },
    });
    await sendSimulation(pipeline.kafka, pipeline.topics, messages, { rate: 0 });
    await drainTo(store, outcome, 3 * 60_000, 'notify');
    await pipeline.waitUntilCommittedToEnd('alerts', [pipeline.topics.name(TOPICS.journeyUpdates)]);
    // The organisation party to the most journeys, but not to all: some are another organisation's.
    const count = (org: string) => journeys.filter((j) => j.orgIds.includes(org)).length;
    shipperOrg = [...new Set(journeys.flatMap((j) => j.orgIds))]
      .filter((org) => count(org) < journeys.length)
      .sort((a, b) => count(b) - count(a))[0];
    const withLoading = new Set(
      simulation.validMessages.filter((m): m is RawLoading => m.kind === 'LOADING').map((m) => m.containerNo),
    );
    candidates = journeys.filter(
      (j) =>
        j.orgIds.includes(shipperOrg) &&
        withLoading.has(j.containerNo) &&
        journeys.filter((k) => k.containerNo === j.containerNo).length === 1,
    );
    expect(candidates.length).toBeGreaterThanOrEqual(2);
    const keys = new ApiKeysRepository(store);
    shipperKey = (await keys.create({ role: 'SHIPPER', orgId: shipperOrg, name: 'Shipper' })).apiKey;
  }, 5 * 60_000);

  afterAll(async () => {
    disarmFailpoints();
    await pipeline.stop(store);
    await store.close();
    await smtp.down();
  });

  it('e-mails an inspection notice once, in Chinese, text and HTML, and its unsubscribe link stops further mail', async () => {
    const { containerNo } = candidates[0];
    const address = 'zh-follower@tracking.test';
    const followed = await query<{ follow: { watchId: string; emailOn: boolean; language: string } }>(
      graphql,
      shipperKey,
      FOLLOW,
      { watch: { type: 'CONTAINER', ref: containerNo.toLowerCase(), email: address, language: 'ZH' } },
    );
    expect(followed.errors).toBeUndefined();
    expect(followed.data!.follow).toMatchObject({ emailOn: true, language: 'ZH' });

    // The batch that stores the notification fails after its write, as if the answer was lost, and is read again.
    armFailpoints('alerts.addNotifications:once-after');
    await sendCustomsReport(pipeline.kafka, pipeline.topics, simulation, containerNo, 'CUSTOMS_SELECTED');
    await waitFor('the inspection e-mail', () => smtp.to(address).length > 0, 60_000);
    expect(failpointFired('alerts.addNotifications')).toBe(1);
    await settle(2000);
    const mails = smtp.to(address);
    expect(mails).toHaveLength(1);
    const [mail] = mails;
    expect(mail.subject).toContain(containerNo);
    expect(mail.subject).toContain('海关查验通知');
    expect(mail.text).toContain('海关查验通知');
    expect(mail.html).toEqual(expect.stringContaining('lang="zh-CN"'));
    expect(mail.html).toEqual(expect.stringContaining(containerNo));
    const listed = await notifications(shipperKey);
    expect(listed.filter((n) => n.containerNo === containerNo)).toEqual([
      expect.objectContaining({ kind: 'INSPECTION', email: 'SENT' }),
    ]);

    const link = /https?:\/\/\S+\/unsubscribe\/\S+/.exec(mail.text ?? '')![0];
    const page = await fetch(link);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Unsubscribed');
    const forged = await fetch(`${link.slice(0, -3)}AAA`);
    expect(forged.status).toBe(404);

    await sendCustomsReport(pipeline.kafka, pipeline.topics, simulation, containerNo, 'CUSTOMS_INSPECTED', 2);
    await waitFor(
      'the second notification, in the app',
      async () => (await notifications(shipperKey)).filter((n) => n.containerNo === containerNo).length === 2,
      60_000,
    );
    await settle(1500);
    expect(smtp.to(address)).toHaveLength(1);
    expect((await notifications(shipperKey)).find((n) => n.containerNo === containerNo)?.email).toBe('OFF');
  }, 120_000);

  it('keeps the e-mail while the SMTP server is down, says so, and sends it once when the server is back, whatever its bookkeeping', async () => {
    const { containerNo } = candidates[1];
    const address = 'en-follower@tracking.test';
    await query(graphql, shipperKey, FOLLOW, {
      watch: { type: 'CONTAINER', ref: containerNo, email: address, kinds: ['INSPECTION'] },
    });
    await smtp.down();
    await sendCustomsReport(pipeline.kafka, pipeline.topics, simulation, containerNo, 'CUSTOMS_SELECTED');
    await waitFor(
      'a failed try recorded',
      async () =>
        (await notifications(shipperKey)).some(
          (n) => n.containerNo === containerNo && n.email === 'PENDING' && typeof n.emailError === 'string',
        ),
      60_000,
    );
    expect(outboundStates().get('smtp')?.ready).toBe(false);
    // The consumer is not held up meanwhile: it has committed every journey update.
    await pipeline.waitUntilCommittedToEnd('alerts', [pipeline.topics.name(TOPICS.journeyUpdates)]);

    // The write after the send fails once, its answer lost: it is made again, and the e-mail is not sent twice.
    armFailpoints('alerts.recordSent:once-after');
    await smtp.up();
    await waitFor('the delayed e-mail', () => smtp.to(address).length > 0, 60_000);
    await settle(2000);
    expect(smtp.to(address)).toHaveLength(1);
    expect(smtp.to(address)[0].text).toContain('Customs inspection notice');
    expect(failpointFired('alerts.recordSent')).toBe(1);
    expect(outboundStates().get('smtp')?.ready).toBe(true);
    expect((await notifications(shipperKey)).find((n) => n.containerNo === containerNo)?.email).toBe('SENT');
  }, 120_000);

  it('e-mails an ETA moved by more than the watch hours since following, and not a smaller move', async () => {
    const used = new Set(candidates.slice(0, 2).map((j) => j.containerNo));
    const journey = journeys.find(
      (j) =>
        j.orgIds.includes(shipperOrg) &&
        j.eta !== undefined &&
        !used.has(j.containerNo) &&
        journeys.filter((k) => k.containerNo === j.containerNo).length === 1 &&
        simulation.validMessages.some((m) => m.kind === 'IN_TRANSIT' && m.containerNo === j.containerNo),
    )!;
    const address = 'eta-follower@tracking.test';
    await query(graphql, shipperKey, FOLLOW, {
      watch: { type: 'CONTAINER', ref: journey.containerNo, email: address, kinds: ['ETA_CHANGED'], etaHours: 6 },
    });
    const eta = Date.parse(journey.eta!);
    await sendEstimate(journey, new Date(eta + 12 * HOUR).toISOString(), 1);
    await waitFor('the e-mail of the ETA moved by 12 h', () => smtp.to(address).length > 0, 60_000);
    expect(smtp.to(address)[0].subject).toContain('Estimated arrival moved');
    await sendEstimate(journey, new Date(eta + 14 * HOUR).toISOString(), 2);
    await waitFor('the journey to take the second estimate', async () => {
      const { data } = await query<{ journey: { eta: string } }>(
        graphql,
        shipperKey,
        `{ journey(containerNo: "${journey.containerNo}") { eta } }`,
      );
      return Date.parse(data!.journey.eta) === eta + 14 * HOUR;
    });
    await pipeline.waitUntilCommittedToEnd('alerts', [pipeline.topics.name(TOPICS.journeyUpdates)]);
    await settle(1000);
    expect(smtp.to(address)).toHaveLength(1);
    expect((await notifications(shipperKey)).filter((n) => n.containerNo === journey.containerNo)).toEqual([
      expect.objectContaining({ kind: 'ETA_CHANGED', email: 'SENT' }),
    ]);
  }, 120_000);

  it("lets no key follow another organisation's container or bill of lading", async () => {
    const other = journeys.find((j) => !j.orgIds.includes(shipperOrg))!;
    const container = await query(graphql, shipperKey, FOLLOW, {
      watch: { type: 'CONTAINER', ref: other.containerNo },
    });
    expect(container.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const document = other.documents.find((d) => d.type === 'BILL_OF_LADING' || d.type === 'WAYBILL');
    if (document !== undefined) {
      const byDocument = await query(graphql, shipperKey, FOLLOW, {
        watch: { type: document.type, ref: document.ref },
      });
      expect(byDocument.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    }
    const list = await query<{ watchlist: { ref: string }[] }>(graphql, shipperKey, '{ watchlist { ref } }');
    expect(list.data!.watchlist.map((w) => w.ref)).not.toContain(other.containerNo);
  }, 30_000);
});

import type { Admin } from 'kafkajs';
import type { Connection } from 'mongoose';
import {
  alertOf,
  alertStoresOn,
  coldChainWaits,
  DEFAULT_TIME_LIMITS,
  journeyAlerts,
  journeyNotices,
  undeclaredLoads,
  noticeOf,
  type AlertStores,
} from '@mmt/alerts';
import { armFailpoints, disarmFailpoints, failpointFired } from '@mmt/config';
import {
  RAW_TOPICS,
  TOPICS,
  type Alert,
  type AlertChange,
  type Journey,
  type Notice,
  type RawMessage,
  type TimeLimitTable,
} from '@mmt/contracts';
import { deleteConsumerGroups } from '@mmt/kafka';
import { simulate } from '@mmt/simulator';
import { connectStore } from '@mmt/store';
import { AlertsService } from '../apps/alerts/src/alerts.service';
import { sendSimulation } from '../apps/simulator/src/send-simulation';
import {
  alertChangeIdentity,
  brokenAlertSequences,
  copiesByIdentity,
  firstOfEach,
  noticeDeliveries,
  noticeIdentity,
  TopicCollector,
} from './support/alert-topics';
import { drainTo } from './support/drain';
import { expectedOutcome } from './support/ground-truth';
import { asSimulated, coldWaitsDueAt, lateWaybillTraffic } from './support/alert-traffic';
import { recordBatchAttempts, type BatchAttempt } from './support/batch-attempts';
import { waitFor } from './support/graphql-client';
import { TestPipeline, type Stop } from './support/pipeline';

const DRAIN_TIMEOUT_MS = 2 * 60_000;
const DISORDER = { shuffle: 0.2, duplicates: 0.1, lateManifests: 0.3, conveyanceReports: true, invalid: 0 };
const JOURNEYS_PER_FEED = 12;
/** The second half of a feed is spread over about this long, so that a failed batch's retry finds more updates. */
const SECOND_HALF_MS = 1500;
/** How long a failed batch waits at most for more updates on its partition before kafkajs retries it. */
const HOLD_FAILED_BATCH_MS = 5000;
/** How far ahead of now the clock's test puts its waits' deadline: time to settle the reports before. */
const WAIT_DUE_IN_MS = 10_000;
const FIRST_TABLE: TimeLimitTable = {
  version: 1,
  publishedAt: '',
  publishedBy: 'platform',
  limits: DEFAULT_TIME_LIMITS,
};

/** Every write step of a batch, in the order the alerts service makes them. */
const STEPS = [
  'alerts.saveUndeclared',
  'alerts.saveWaits',
  'alerts.insertAlerts',
  'alerts.updateAlerts',
  'alerts.insertNotices',
  'alerts.updateNotices',
  'alerts.publishAlerts',
  'alerts.markAlertsSent',
  'alerts.publishNotices',
  'alerts.markNoticesSent',
] as const;
const MOMENTS = ['once', 'once-after'] as const;
/**
 * Each step fails before its call and after it, except the bookkeeping of undeclared loads and waits: it is written
 * before anything is stored or sent for the alerts, so failing before it tests nothing that failing after does not.
 */
const CASES = STEPS.flatMap((step) => MOMENTS.map((moment) => ({ step, moment }))).filter(
  ({ step, moment }) => moment === 'once-after' || !['alerts.saveUndeclared', 'alerts.saveWaits'].includes(step),
);
/**
 * The failures after which the retry cannot know whether its messages reached the broker, and sends them again
 * (the broker took the send but its answer was lost, or the store did not record that the send was done): the
 * topic that gets copies.
 */
const SENT_AGAIN: Readonly<Record<string, 'alerts' | 'notices'>> = {
  'alerts.publishAlerts:once-after': 'alerts',
  'alerts.markAlertsSent:once': 'alerts',
  'alerts.publishNotices:once-after': 'notices',
  'alerts.markNoticesSent:once': 'notices',
};
const copyCount = (copies: ReadonlyMap<string, number>) => [...copies.values()].reduce((sum, n) => sum + n - 1, 0);

const byId = <T extends { _id: string }>(a: T, b: T) => (a._id < b._id ? -1 : a._id > b._id ? 1 : 0);
const withoutAddedParties = (notice: Notice): Notice => {
  const { addedOrgIds, ...rest } = notice;
  void addedOrgIds;
  return rest;
};

/**
 * Alerts and notices under a failed write and its retry, with the normalizer, the projector and the alerts service
 * running on the real broker and store. Each case sends half of a new feed (simulated traffic, and two cold
 * containers whose waybill comes late), lets it settle, arms one failpoint, then sends the other half, the waybill
 * first, over a few seconds: the first write at that step fails once (before its call, or after it as if the
 * answer was lost), kafkajs retries the batch in the same process from the same offset, and the topics and the
 * store must end as if nothing had failed: every alert raised once (and cleared once where later data undid it),
 * each notice to each party once, the stored alerts, notices, waits and undeclared loads as the ground truth says.
 */
describe('Alerts: each write step failed once mid-feed, then retried with a longer batch (real Kafka, real store)', () => {
  const pipeline = new TestPipeline('failpoints-alerts');
  const updatesTopic = pipeline.topics.name(TOPICS.journeyUpdates);
  const sent: RawMessage[] = [];
  const undeclaredTruth: { containerNo: string; conveyanceKey: string }[] = [];
  const undocumentedAlertIds: string[] = [];
  /** Cold-chain waits the clock has raised. */
  const raisedWaitIds = new Set<string>();
  const alertsTopic = pipeline.topics.name(TOPICS.alerts);
  const noticesTopic = pipeline.topics.name(TOPICS.notices);
  let store: Connection;
  let admin: Admin;
  let collector: TopicCollector;
  let stores: AlertStores;
  let attempts: BatchAttempt[];
  /** The failed batches whose partition had more updates when their hold ended. */
  const grownBeforeRetry = new Set<BatchAttempt>();
  let journeys: Journey[] = [];
  let stopAlerts: Stop;
  let casesSinceStart = 0;
  /** Journeys of every feed so far: the simulator's and the two late-waybill containers of each. */
  let journeyCount = 0;
  /** Identities on each topic that are there more than once, after the previous case. */
  let alertCopies = new Map<string, number>();
  let noticeCopies = new Map<string, number>();

  // The feeds are months old: every wait they leave is learned late and, given an hour's grace, not raised.
  const startAlerts = () => pipeline.startAlerts({ lateWaitGraceMs: 3_600_000, waitSweepMs: 250 });

  /**
   * kafkajs's pause before a retry doubles with each failure over a consumer's whole run (up to 10 s), however
   * many batches succeeded in between. Each case fails one batch: a fresh alerts service every few cases keeps the
   * retries quick (stopping one takes a few seconds: it does so while the first half flows).
   */
  async function freshAlertsEvery(cases: number): Promise<void> {
    casesSinceStart += 1;
    if (casesSinceStart > cases) {
      const started = Date.now();
      await stopAlerts();
      stopAlerts = await startAlerts();
      casesSinceStart = 1;
      console.log(`alerts service restarted in ${Date.now() - started} ms`);
    }
  }

  /** Waits until every stage has read and committed everything sent so far. */
  async function settle(): Promise<void> {
    await pipeline.waitUntilCommittedToEnd(
      'normalizer',
      RAW_TOPICS.map((t) => pipeline.topics.name(t)),
    );
    await pipeline.waitUntilCommittedToEnd('projector', [pipeline.topics.name(TOPICS.trackingEvents)]);
    await pipeline.waitUntilCommittedToEnd('alerts', [updatesTopic]);
  }

  const copiesOnly = (copies: Map<string, number>) => new Map([...copies].filter(([, n]) => n > 1));

  /** The topics and the store exactly as the ground truth says; `sentAgain`: the topic a failure made send copies to. */
  async function expectExactAlerts(sentAgain?: 'alerts' | 'notices'): Promise<void> {
    const journeyOf = new Map(journeys.map((j) => [j.containerNo, j]));
    const expectedOpen = [
      ...journeys.flatMap((j) => journeyAlerts(j, FIRST_TABLE)).map((a) => a.alertId),
      ...undeclaredTruth.map(
        (u) => `LOADED_NOT_DECLARED|${journeyOf.get(u.containerNo)!.journeyId}|${u.conveyanceKey}`,
      ),
      ...raisedWaitIds,
    ].sort();
    const storedAlerts = await stores.alerts.collection.find({}).toArray();
    expect(
      storedAlerts
        .filter((a) => a.state === 'OPEN')
        .map((a) => a.alertId)
        .sort(),
    ).toEqual(expectedOpen);
    expect(storedAlerts.filter((a) => 'pending' in a)).toEqual([]);

    const changes = await collector.toEnd<AlertChange>(alertsTopic);
    const distinct = firstOfEach(changes, alertChangeIdentity);
    // Each alert raised once, and cleared once where later data undid it: never the same change twice.
    expect(brokenAlertSequences(distinct)).toEqual({});
    for (const alertId of undocumentedAlertIds) {
      expect(distinct.filter((c) => c.alert.alertId === alertId).map((c) => c.change)).toEqual(['RAISED', 'CLEARED']);
    }
    // What a receiver last heard of each alert is what the store holds, and it heard of no other.
    const lastChange = new Map(changes.map((c) => [c.alert.alertId, c]));
    expect([...lastChange.keys()].sort()).toEqual(storedAlerts.map((a) => a.alertId).sort());
    // (Its parties and cold-chain flag follow the journey in the store without a message: see the report.)
    const heard = (alert: Alert) => ({ ...alert, orgIds: undefined, coldChain: undefined });
    for (const stored of storedAlerts) {
      const last = lastChange.get(stored.alertId)!;
      expect({ ...last, alert: heard(last.alert) }).toEqual({
        change: stored.state === 'CLEARED' ? 'CLEARED' : 'RAISED',
        alert: heard(alertOf(stored)),
        changedAt: stored.state === 'CLEARED' ? stored.resolvedAt : stored.raisedAt,
      });
    }

    const storedNotices = (await stores.notices.collection.find({}).toArray()).sort(byId);
    const drafts = journeys.flatMap(journeyNotices).sort((a, b) => (a.noticeId < b.noticeId ? -1 : 1));
    expect(storedNotices.map((n) => ({ ...noticeOf(n), issuedAt: undefined }))).toEqual(
      drafts.map((d) => ({ ...d, issuedAt: undefined })),
    );
    const notices = await collector.toEnd<Notice>(noticesTopic);
    // Each party of each notice, and the port office, had it once.
    const expectedDeliveries = new Map(
      storedNotices.flatMap((n) => ['PORT', ...n.orgKeys].map((party): [string, number] => [`${n._id} ${party}`, 1])),
    );
    expect(new Map([...noticeDeliveries(notices)].sort())).toEqual(new Map([...expectedDeliveries].sort()));
    const lastNotice = new Map(notices.map((n) => [n.noticeId, withoutAddedParties(n)]));
    expect(storedNotices.map((n) => lastNotice.get(n._id))).toEqual(storedNotices.map(noticeOf));

    // A message on a topic twice is only ever a copy sent again after a failure that left it unknown whether the
    // first send had arrived (and then there is one): any other case adds none.
    const newAlertCopies = copiesOnly(copiesByIdentity(changes, alertChangeIdentity));
    const newNoticeCopies = copiesOnly(copiesByIdentity(notices, noticeIdentity));
    if (sentAgain === 'alerts') {
      expect(copyCount(newAlertCopies)).toBeGreaterThan(copyCount(alertCopies));
    } else {
      expect(newAlertCopies).toEqual(alertCopies);
    }
    if (sentAgain === 'notices') {
      expect(copyCount(newNoticeCopies)).toBeGreaterThan(copyCount(noticeCopies));
    } else {
      expect(newNoticeCopies).toEqual(noticeCopies);
    }
    alertCopies = newAlertCopies;
    noticeCopies = newNoticeCopies;

    const waits = (await stores.coldChainWaits.ofContainers(journeys.map((j) => j.containerNo))).sort(byId);
    const expectedWaits = journeys.flatMap((j) => coldChainWaits(j, FIRST_TABLE));
    expect(waits.map((w) => [w._id, w.raised])).toEqual(
      expectedWaits.map((w) => [w._id, raisedWaitIds.has(w._id)]).sort(),
    );
    const loads = (await stores.undeclaredLoads.ofContainers(journeys.map((j) => j.containerNo))).sort(byId);
    expect(loads).toEqual(journeys.flatMap(undeclaredLoads).sort(byId));
  }

  beforeAll(async () => {
    store = await connectStore(pipeline.config.mongodbUri);
    stores = alertStoresOn(store);
    admin = pipeline.kafka.admin();
    await admin.connect();
    const endOffset = async (partition: number) => {
      const ends = await admin.fetchTopicOffsets(updatesTopic);
      return Number(ends.find((p) => p.partition === partition)?.high ?? 0);
    };
    // A failed batch is held back until its partition has more updates (at most a few seconds), so that
    // kafkajs's retry reads a longer batch.
    attempts = recordBatchAttempts(AlertsService, 2, async (attempt) => {
      for (let waited = 0; waited < HOLD_FAILED_BATCH_MS && (await endOffset(attempt.partition)) <= attempt.last + 1;) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        waited += 100;
      }
      if ((await endOffset(attempt.partition)) > attempt.last + 1) {
        grownBeforeRetry.add(attempt);
      }
    });
    await pipeline.start();
    stopAlerts = await startAlerts();
    collector = new TopicCollector(pipeline.kafka, `${pipeline.config.namespace}collector`, [
      alertsTopic,
      noticesTopic,
    ]);
    await collector.start();
  });

  afterEach(() => disarmFailpoints());

  afterAll(async () => {
    jest.restoreAllMocks();
    await collector.stop();
    await admin.disconnect();
    await pipeline.stop(store);
    await store.close();
  });

  let feed = 0;
  for (const { step, moment } of CASES) {
    feed += 1;
    const thisFeed = feed;
    const seed = 500 + thisFeed;
    const start = new Date(Date.UTC(2026, 0, 5 + 9 * thisFeed)).toISOString();

    it(
      `raises each alert and sends each notice once when ${step} fails (${moment}) mid-feed`,
      async () => {
        const simulation = simulate({ ...DISORDER, journeys: JOURNEYS_PER_FEED, seed, start });
        const late = lateWaybillTraffic(thisFeed, start);
        sent.push(...simulation.validMessages, ...late.before, late.waybill, ...late.after);
        undeclaredTruth.push(...simulation.truth.undeclaredLoads);
        undocumentedAlertIds.push(late.undocumentedAlertId);
        const half = Math.floor(simulation.messages.length / 2);
        const fresh = freshAlertsEvery(3);
        await sendSimulation(
          pipeline.kafka,
          pipeline.topics,
          [...asSimulated(late.before), ...simulation.messages.slice(0, half)],
          { rate: 0 },
        );
        await fresh;
        await settle();

        const before = attempts.length;
        armFailpoints(`${step}:${moment}`);
        // The waybill first; the late containers' next reports midway, so that their partitions have more to come.
        const mid = Math.floor((half + simulation.messages.length) / 2);
        const rest = [
          ...asSimulated([late.waybill]),
          ...simulation.messages.slice(half, mid),
          ...asSimulated(late.after),
          ...simulation.messages.slice(mid),
        ];
        await sendSimulation(pipeline.kafka, pipeline.topics, rest, { rate: (rest.length * 1000) / SECOND_HALF_MS });
        const truth = expectedOutcome(sent);
        journeys = truth.journeys;
        journeyCount += JOURNEYS_PER_FEED + 2;
        expect(journeys).toHaveLength(journeyCount);
        expect(await drainTo(store, truth, DRAIN_TIMEOUT_MS, `${step}:${moment}`)).toEqual(truth.journeys);
        await settle();

        expect(pipeline.fatal).toEqual([]);
        expect(failpointFired(step)).toBe(1);
        // The batch that failed, and its retry: the next try on its partition, from the same offset.
        const since = attempts.slice(before);
        const failed = since.filter((a) => a.outcome === 'failed');
        expect(failed).toHaveLength(1);
        const retry = since.slice(since.indexOf(failed[0]) + 1).find((a) => a.partition === failed[0].partition);
        expect(retry?.first).toBe(failed[0].first);
        // Longer when its partition had more by then (a loaded machine can let the hold run out before any came).
        if (grownBeforeRetry.has(failed[0])) {
          expect(retry!.last).toBeGreaterThan(failed[0].last);
        } else {
          expect(retry!.last).toBeGreaterThanOrEqual(failed[0].last);
        }
        console.log(`${step}:${moment}: failed batch ${failed[0].first}..${failed[0].last}, retry ..${retry!.last}`);

        await expectExactAlerts(SENT_AGAIN[`${step}:${moment}`]);
      },
      DRAIN_TIMEOUT_MS + 60_000,
    );
  }

  const CLOCK_STEPS = [
    'alerts.insertAlerts',
    'alerts.publishAlerts',
    'alerts.markAlertsSent',
    'alerts.markWaitsRaised',
  ];
  let round = 0;
  for (const moment of MOMENTS) {
    round += 1;
    const thisRound = round;
    it(`raises each due cold-chain wait once when each of the clock's writes fails (${moment}), one sweep after another`, async () => {
      const deadline = Date.now() + WAIT_DUE_IN_MS;
      const messages = coldWaitsDueAt(thisRound, deadline);
      sent.push(...messages);
      journeyCount += 2;
      await sendSimulation(pipeline.kafka, pipeline.topics, asSimulated(messages), { rate: 0 });
      await settle();
      expect(Date.now()).toBeLessThan(deadline);
      // Every step fails once: the first sweep fails at the first, the next sweep at the second, and so on.
      armFailpoints(CLOCK_STEPS.map((step) => `${step}:${moment}`).join(','));
      const truth = expectedOutcome(sent);
      journeys = truth.journeys;
      expect(journeys).toHaveLength(journeyCount);
      const due = journeys
        .filter((j) => messages.some((m) => m.kind === 'LOADING' && m.containerNo === j.containerNo))
        .flatMap((j) => coldChainWaits(j, FIRST_TABLE));
      expect(due).toHaveLength(2);
      await waitFor(
        'the clock to raise the waits',
        async () => (await stores.coldChainWaits.ofContainers(due.map((w) => w.containerNo))).every((w) => w.raised),
        WAIT_DUE_IN_MS + 30_000,
      );
      await new Promise((resolve) => setTimeout(resolve, 1000)); // a sweep that would raise them again comes meanwhile
      due.forEach((w) => raisedWaitIds.add(w._id));
      expect(pipeline.fatal).toEqual([]);
      expect(CLOCK_STEPS.map((step) => [step, failpointFired(step)])).toEqual(CLOCK_STEPS.map((step) => [step, 1]));
      await expectExactAlerts('alerts');
    }, 90_000);
  }

  it('sends and changes nothing when the alerts service reads every journey update again', async () => {
    const stored = async () => ({
      alerts: await stores.alerts.collection.find({}, { sort: { _id: 1 } }).toArray(),
      notices: await stores.notices.collection.find({}, { sort: { _id: 1 } }).toArray(),
    });
    const before = await stored();
    const sentBefore = [(await collector.toEnd(alertsTopic)).length, (await collector.toEnd(noticesTopic)).length];
    await stopAlerts();
    await deleteConsumerGroups(pipeline.kafka, [`${pipeline.config.namespace}alerts`]);
    stopAlerts = await startAlerts();
    await pipeline.waitUntilCommittedToEnd('alerts', [updatesTopic]);
    expect(pipeline.fatal).toEqual([]);
    expect(await stored()).toEqual(before);
    expect([(await collector.toEnd(alertsTopic)).length, (await collector.toEnd(noticesTopic)).length]).toEqual(
      sentBefore,
    );
    await expectExactAlerts();
  });
});

import type { Connection } from 'mongoose';
import { ApiKeysRepository, sameOrg } from '@mmt/access';
import {
  AlertsRepository,
  ColdChainWaitsRepository,
  coldChainWaits,
  NoticesRepository,
  DEFAULT_TIME_LIMITS,
  journeyAlerts,
  limitFor,
} from '@mmt/alerts';
import {
  TOPICS,
  type AlertChange,
  type Journey,
  type Notice,
  type RawLoading,
  type RawMessage,
  type TimeLimitOperation,
  type TimeLimitTable,
} from '@mmt/contracts';
import { deleteConsumerGroups } from '@mmt/kafka';
import { simulate, type Simulation } from '@mmt/simulator';
import { connectStore } from '@mmt/store';
import { sendSimulation } from '../apps/simulator/src/send-simulation';
import { readTopicToEnd } from './support/dead-letters';
import { drainTo } from './support/drain';
import { expectedOutcome } from './support/ground-truth';
import { query } from './support/graphql-client';
import { TestPipeline, type Stop } from './support/pipeline';

const DRAIN_TIMEOUT_MS = 8 * 60_000;
const FIRST_TABLE: TimeLimitTable = {
  version: 1,
  publishedAt: '',
  publishedBy: 'platform',
  limits: DEFAULT_TIME_LIMITS,
};

/**
 * The month is long past, so every wait it ends with is learned late: given an hour's grace here, the clock raises
 * none of them while the test runs (test/cold-chain-waits.e2e-spec.ts has the clock at work).
 */
const MONTH_OLD_WAITS = { lateWaitGraceMs: 3_600_000 };

/**
 * Limit breaches computed straight from the simulator's raw loading reports, for the operations that the
 * reports of one container show whole: `<containerNo>|<operation>|<locode>`.
 */
function breachesFromRawReports(messages: readonly RawMessage[]): Set<string> {
  const loadings = messages
    .filter((m): m is RawLoading => m.kind === 'LOADING' && (m.classifier ?? 'ACT') === 'ACT')
    .sort((a, b) => Date.parse(a.eventTime) - Date.parse(b.eventTime));
  const cold = new Map<string, boolean>();
  const destination = new Map<string, string>();
  for (const m of messages) {
    if (m.kind === 'WAYBILL') {
      m.containers.forEach((c) => cold.set(c.containerNo, m.coldChain));
      m.containers.forEach((c) => destination.set(c.containerNo, m.destination.locode));
    }
  }
  const rules: [TimeLimitOperation, (m: RawLoading) => boolean, (m: RawLoading) => boolean][] = [
    ['IN_YARD_TRANSFER', (m) => m.operation === 'DISCHARGE', (m) => m.operation === 'GATE_IN'],
    [
      'CONSIGNEE_PICKUP',
      (m) => m.operation === 'DISCHARGE' && m.location.locode === destination.get(m.containerNo),
      (m) => m.operation === 'GATE_OUT',
    ],
    ['DEVANNING', (m) => m.operation === 'GATE_IN', (m) => m.operation === 'STRIPPING'],
    ['RELEASE_AFTER_INSPECTION', (m) => m.operation === 'CUSTOMS_INSPECTED', (m) => m.operation === 'CUSTOMS_RELEASED'],
    [
      'RAIL_TO_VESSEL',
      (m) => m.operation === 'DISCHARGE' && m.conveyance?.mode === 'RAIL',
      (m) => m.operation === 'LOAD' && m.conveyance?.mode === 'VESSEL',
    ],
  ];
  const breaches = new Set<string>();
  for (const [operation, starts, ends] of rules) {
    const seen = new Set<string>();
    for (const start of loadings.filter(starts)) {
      const here = `${start.containerNo}|${start.location.locode}`;
      if (seen.has(here)) {
        continue;
      }
      seen.add(here);
      const end = loadings.find(
        (m) =>
          ends(m) &&
          m.containerNo === start.containerNo &&
          m.location.locode === start.location.locode &&
          Date.parse(m.eventTime) >= Date.parse(start.eventTime),
      );
      const limit = limitFor(DEFAULT_TIME_LIMITS, operation, start.location.locode);
      if (end !== undefined && limit !== undefined) {
        const allowed = cold.get(start.containerNo) ? limit.coldChainMinutes : limit.minutes;
        if (Date.parse(end.eventTime) - Date.parse(start.eventTime) > allowed * 60_000) {
          breaches.add(`${start.containerNo}|${operation}|${start.location.locode}`);
        }
      }
    }
  }
  return breaches;
}

describe('Alerts and inspection notices end to end (real Kafka, real store)', () => {
  const pipeline = new TestPipeline('alerts');
  let store: Connection;
  let simulation: Simulation;
  let journeys: Journey[];
  let expectedIds: Set<string>;
  let stopAlerts: Stop;
  let url: string;

  const openAlerts = async () =>
    (await new AlertsRepository(store).collection.find({}).toArray()).filter((a) => a.state === 'OPEN');
  const alertChanges = () => readTopicToEnd<AlertChange>(pipeline, pipeline.topics.name(TOPICS.alerts));

  beforeAll(async () => {
    store = await connectStore(pipeline.config.mongodbUri);
    simulation = simulate({
      journeys: 300,
      seed: 21,
      start: '2026-03-01T08:00:00+08:00',
      shuffle: 0.2,
      duplicates: 0.1,
      lateManifests: 0.3,
      conveyanceReports: true,
      invalid: 0.01,
    });
    const outcome = expectedOutcome(simulation.validMessages);
    journeys = outcome.journeys;
    const journeyOf = new Map(journeys.map((j) => [j.containerNo, j]));
    expectedIds = new Set([
      ...journeys.flatMap((j) => journeyAlerts(j, FIRST_TABLE)).map((a) => a.alertId),
      ...simulation.truth.undeclaredLoads.map(
        (u) => `LOADED_NOT_DECLARED|${journeyOf.get(u.containerNo)!.journeyId}|${u.conveyanceKey}`,
      ),
    ]);
    await pipeline.start();
    stopAlerts = await pipeline.startAlerts(MONTH_OLD_WAITS);
    url = await pipeline.startGateway();
    await sendSimulation(pipeline.kafka, pipeline.topics, simulation.messages, { rate: 0 });
    await drainTo(store, outcome, DRAIN_TIMEOUT_MS, 'alerts');
    await pipeline.waitUntilCommittedToEnd('projector', [pipeline.topics.name(TOPICS.trackingEvents)]);
    await pipeline.waitUntilCommittedToEnd('alerts', [pipeline.topics.name(TOPICS.journeyUpdates)]);
  }, DRAIN_TIMEOUT_MS + 120_000);

  afterAll(async () => {
    await pipeline.stop(store);
    await store.close();
  });

  it('raises every expected alert, and no other, each once', async () => {
    expect(pipeline.fatal).toEqual([]);
    const kinds = new Set([...expectedIds].map((id) => id.split('|')[0]));
    expect([...kinds].sort()).toEqual(['LOADED_NOT_DECLARED', 'MISSED_CONNECTION', 'TIME_LIMIT_BREACH']);
    expect((await openAlerts()).map((a) => a.alertId).sort()).toEqual([...expectedIds].sort());
    const changes = await alertChanges();
    const raised = changes.filter((c) => c.change === 'RAISED').map((c) => c.alert.alertId);
    expect(raised.filter((id, i) => raised.indexOf(id) !== i)).toEqual([]);
    expect(raised.sort()).toEqual([...expectedIds].sort());
    expect(changes.filter((c) => c.change !== 'RAISED')).toEqual([]);
  });

  it('keeps no cold-chain wait once the month is over: every operation the cold cargo waited on ended', async () => {
    // Every journey of the month finished: a wait left behind would be a false alarm on the clock's next sweep.
    const cold = journeys.filter((j) => j.coldChain);
    expect(cold.length).toBeGreaterThan(0);
    expect(cold.flatMap((j) => coldChainWaits(j, FIRST_TABLE))).toEqual([]);
    const containers = [...new Set(journeys.map((j) => j.containerNo))];
    expect(await new ColdChainWaitsRepository(store).ofContainers(containers)).toEqual([]);
  });

  it("matches the simulator's own record: limit breaches, rolled-over containers, loads left off manifests", async () => {
    const open = await openAlerts();
    const of = (kind: string) => open.filter((a) => a.kind === kind);
    const fromRaw = breachesFromRawReports(simulation.validMessages);
    expect(fromRaw.size).toBeGreaterThan(0);
    const rawOperations = new Set([
      'IN_YARD_TRANSFER',
      'DEVANNING',
      'CONSIGNEE_PICKUP',
      'RELEASE_AFTER_INSPECTION',
      'RAIL_TO_VESSEL',
    ]);
    const breaches = of('TIME_LIMIT_BREACH').filter((a) => rawOperations.has(a.operation!));
    expect(breaches.map((a) => `${a.containerNo}|${a.operation}|${a.place!.locode}`).sort()).toEqual(
      [...fromRaw].sort(),
    );
    expect(breaches.some((a) => a.coldChain)).toBe(true);
    expect(
      of('MISSED_CONNECTION')
        .map((a) => `${a.containerNo}|${a.plannedConveyanceKey}|${a.conveyanceKey}`)
        .sort(),
    ).toEqual(
      simulation.truth.missedConnections
        .map((m) => `${m.containerNo}|${m.plannedConveyanceKey}|${m.conveyanceKey}`)
        .sort(),
    );
    expect(
      of('LOADED_NOT_DECLARED')
        .map((a) => `${a.containerNo}|${a.conveyanceKey}`)
        .sort(),
    ).toEqual(simulation.truth.undeclaredLoads.map((u) => `${u.containerNo}|${u.conveyanceKey}`).sort());
  });

  it('issues one notice for each customs selection and inspection, to the parties of the journey', async () => {
    const inspections = simulation.validMessages.filter(
      (m): m is RawLoading =>
        m.kind === 'LOADING' && (m.operation === 'CUSTOMS_SELECTED' || m.operation === 'CUSTOMS_INSPECTED'),
    );
    expect(inspections.length).toBeGreaterThan(0);
    const sent = await readTopicToEnd<Notice>(pipeline, pipeline.topics.name(TOPICS.notices));
    const notices = sent.filter((n) => n.addedOrgIds === undefined);
    const expected = inspections.map(
      (m) => `${m.containerNo}|${m.operation === 'CUSTOMS_SELECTED' ? 'SELECTED_FOR_INSPECTION' : 'INSPECTED'}`,
    );
    expect(notices.map((n) => `${n.containerNo}|${n.kind}`).sort()).toEqual(expected.sort());
    const journeyOf = new Map(journeys.map((j) => [j.journeyId, j]));
    const stored = await new NoticesRepository(store).collection.find({}).toArray();
    expect(stored).toHaveLength(notices.length);
    for (const notice of stored) {
      expect(notice.orgIds).toEqual(journeyOf.get(notice.journeyId)!.orgIds);
      // Each party was sent it once: on its first issue, or again when the party joined the journey later.
      const reached = sent.filter((n) => n.noticeId === notice.noticeId).flatMap((n) => n.addedOrgIds ?? n.orgIds);
      expect(reached.sort()).toEqual([...notice.orgIds].sort());
    }
  });

  it('raises and sends nothing again when every journey update is read again from the start', async () => {
    const before = await alertChanges();
    const noticesBefore = await readTopicToEnd<Notice>(pipeline, pipeline.topics.name(TOPICS.notices));
    await stopAlerts();
    await deleteConsumerGroups(pipeline.kafka, [`${pipeline.config.namespace}alerts`]);
    stopAlerts = await pipeline.startAlerts(MONTH_OLD_WAITS);
    await pipeline.waitUntilCommittedToEnd('alerts', [pipeline.topics.name(TOPICS.journeyUpdates)]);
    expect((await alertChanges()).length).toBe(before.length);
    expect(await readTopicToEnd<Notice>(pipeline, pipeline.topics.name(TOPICS.notices))).toHaveLength(
      noticesBefore.length,
    );
    expect((await openAlerts()).map((a) => a.alertId).sort()).toEqual([...expectedIds].sort());
  });

  it('shows a partner only the alerts and notices of its own journeys; people acknowledge and resolve', async () => {
    const keys = new ApiKeysRepository(store);
    const partnerOrg = 'org-sg-straits-fresh';
    const portKey = (await keys.create({ role: 'PORT_OFFICE', orgId: 'PORT-CQ', name: 'Port office' })).apiKey;
    const partnerKey = (await keys.create({ role: 'PARTNER', orgId: partnerOrg, name: 'Straits Fresh' })).apiKey;
    const list = `query { alerts(first: 200) { alertId journeyId coldChain state } notices(first: 200) { noticeId journeyId } }`;
    type Lists = {
      alerts: { alertId: string; journeyId: string; coldChain: boolean; state: string }[];
      notices: { noticeId: string; journeyId: string }[];
    };
    const partner = await query<Lists>(url, partnerKey, list);
    const port = await query<Lists>(url, portKey, list);
    const own = new Set(journeys.filter((j) => j.orgIds.some((o) => sameOrg(o, partnerOrg))).map((j) => j.journeyId));
    const open = await openAlerts();
    expect(partner.errors).toBeUndefined();
    expect(partner.data!.alerts.map((a) => a.alertId).sort()).toEqual(
      open
        .filter((a) => own.has(a.journeyId))
        .map((a) => a.alertId)
        .sort(),
    );
    expect(partner.data!.alerts.length).toBeGreaterThan(0);
    expect(partner.data!.notices.every((n) => own.has(n.journeyId))).toBe(true);
    expect(port.data!.alerts.length).toBe(Math.min(200, open.length));
    expect(port.data!.alerts.length).toBeGreaterThan(partner.data!.alerts.length);
    const coldFlags = port.data!.alerts.map((a) => a.coldChain);
    expect(coldFlags).toEqual([...coldFlags].sort((a, b) => Number(b) - Number(a)));

    const foreign = open.find((a) => !own.has(a.journeyId))!;
    const acknowledge = `mutation($id: ID!) { acknowledgeAlert(alertId: $id) { state acknowledgedBy } }`;
    const refused = await query(url, partnerKey, acknowledge, { id: foreign.alertId });
    expect(refused.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const mine = partner.data!.alerts[0];
    const acknowledged = await query<{ acknowledgeAlert: { state: string; acknowledgedBy: string } }>(
      url,
      partnerKey,
      acknowledge,
      { id: mine.alertId },
    );
    expect(acknowledged.data?.acknowledgeAlert).toEqual({ state: 'ACKNOWLEDGED', acknowledgedBy: 'Straits Fresh' });
    const resolve = `mutation($id: ID!) { resolveAlert(alertId: $id, note: "pallets moved") { state resolutionNote } }`;
    expect((await query(url, partnerKey, resolve, { id: mine.alertId })).errors?.[0]?.extensions?.code).toBe(
      'FORBIDDEN',
    );
    const resolved = await query<{ resolveAlert: { state: string } }>(url, portKey, resolve, { id: mine.alertId });
    expect(resolved.data?.resolveAlert).toEqual({ state: 'RESOLVED', resolutionNote: 'pallets moved' });
    const changes = (await alertChanges()).filter((c) => c.alert.alertId === mine.alertId).map((c) => c.change);
    expect(changes).toEqual(['RAISED', 'ACKNOWLEDGED', 'RESOLVED']);
  });

  it('pages the alerts with their total, filters by corridor and cold chain, and refuses a forged cursor', async () => {
    const portKey = (
      await new ApiKeysRepository(store).create({ role: 'PORT_OFFICE', orgId: 'PORT-CQ', name: 'Port office' })
    ).apiKey;
    type Page = {
      alertPage: { nodes: { alertId: string }[]; totalCount: number; endCursor: string | null; hasNextPage: boolean };
    };
    const pageQuery = `query($filter: AlertFilter, $after: String) { alertPage(filter: $filter, first: 7, after: $after) { nodes { alertId } totalCount endCursor hasNextPage } }`;
    const listQuery = `query($filter: AlertFilter) { alerts(filter: $filter, first: 200) { alertId } }`;
    /** Every page of a filter, followed by its cursors: the ids in order and the totals each page said. */
    async function allPages(filter: Record<string, unknown>) {
      const ids: string[] = [];
      const totals = new Set<number>();
      for (let after: string | null = null, more = true; more;) {
        const answer: { data?: Page | null; errors?: unknown } = await query<Page>(url, portKey, pageQuery, {
          filter,
          after,
        });
        expect(answer.errors).toBeUndefined();
        const page: Page['alertPage'] = answer.data!.alertPage;
        ids.push(...page.nodes.map((n) => n.alertId));
        totals.add(page.totalCount);
        ({ endCursor: after, hasNextPage: more } = page);
      }
      return { ids, totals: [...totals] };
    }
    const stored = await new AlertsRepository(store).collection.find({}).toArray();
    const live = stored.filter((a) => a.state === 'OPEN' || a.state === 'ACKNOWLEDGED');
    for (const filter of [
      {},
      { corridor: 'LAND_SEA_CORRIDOR' },
      { coldChain: true },
      { states: ['OPEN'], coldChain: false },
    ]) {
      const listed = await query<{ alerts: { alertId: string }[] }>(url, portKey, listQuery, { filter });
      const pages = await allPages(filter);
      const expected = live.filter(
        (a) =>
          (!('corridor' in filter) || a.corridor === filter.corridor) &&
          (!('coldChain' in filter) || a.coldChain === filter.coldChain) &&
          (!('states' in filter) || a.state === 'OPEN'),
      );
      // The pages, one after another, are the list in its order, each alert once; every page gave the same total.
      expect({ filter, ids: pages.ids }).toEqual({ filter, ids: listed.data!.alerts.map((a) => a.alertId) });
      expect({ filter, totals: pages.totals }).toEqual({ filter, totals: [expected.length] });
      expect(pages.ids.sort()).toEqual(expected.map((a) => a.alertId).sort());
    }
    expect(live.length).toBeGreaterThan(7);

    const first = (await query<Page>(url, portKey, pageQuery, {})).data!.alertPage;
    const [payload, mac] = first.endCursor!.split('.');
    const position = JSON.parse(Buffer.from(payload, 'base64url').toString()) as string[];
    const forged = `${Buffer.from(JSON.stringify([position[0], '2000-01-01T00:00:00.000Z', position[2]])).toString('base64url')}.${mac}`;
    const refused = await query(url, portKey, pageQuery, { after: forged });
    expect(refused.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    expect(refused.errors?.[0]?.message).toContain('is not a cursor this API returned');
    const journeyCursor = (
      await query<{ journeys: { endCursor: string } }>(url, portKey, '{ journeys(first: 1) { endCursor } }')
    ).data!.journeys.endCursor;
    expect((await query(url, portKey, pageQuery, { after: journeyCursor })).errors?.[0]?.message).toContain(
      'is not a cursor this API returned',
    );
  });

  it('publishes a new time-limit table only for the port office, and serves every version', async () => {
    const keys = new ApiKeysRepository(store);
    const portKey = (await keys.create({ role: 'PORT_OFFICE', orgId: 'PORT-CQ', name: 'Port office' })).apiKey;
    const shipperKey = (await keys.create({ role: 'SHIPPER', orgId: 'org-cq-agri', name: 'Agri' })).apiKey;
    const publish = `mutation($limits: [TimeLimitInput!]!) { publishTimeLimits(limits: $limits, note: "2027 table") { version publishedBy limits { port operation minutes } } }`;
    const limits = [{ port: 'CNQZH', operation: 'RAIL_TO_VESSEL', minutes: 4320, coldChainMinutes: 2880 }];
    expect((await query(url, shipperKey, publish, { limits })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const bad = await query(url, portKey, publish, { limits: [{ ...limits[0], port: 'Qinzhou' }] });
    expect(bad.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    expect(bad.errors?.[0]?.message).toContain('limits[0].port');
    const published = await query<{ publishTimeLimits: { version: number; publishedBy: string } }>(
      url,
      portKey,
      publish,
      { limits },
    );
    expect(published.data?.publishTimeLimits).toMatchObject({ version: 2, publishedBy: 'Port office' });
    const read = `query { current: timeLimits { version limits { operation minutes } } first: timeLimits(version: 1) { version limits { operation } } }`;
    const tables = await query<{
      current: { version: number; limits: unknown[] };
      first: { version: number; limits: unknown[] };
    }>(url, shipperKey, read);
    expect(tables.data?.current).toEqual({ version: 2, limits: [{ operation: 'RAIL_TO_VESSEL', minutes: 4320 }] });
    expect(tables.data?.first.limits).toHaveLength(DEFAULT_TIME_LIMITS.length);
  });
});

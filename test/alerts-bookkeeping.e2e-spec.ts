import type { Document } from 'mongodb';
import { dropDatabaseInSteps } from '@mmt/store';
import type { Connection } from 'mongoose';
import {
  alertStoresOn,
  applyJourneyAlerts,
  ColdChainWaitsRepository,
  eachAlertStore,
  ensureAlertIndexes,
  UndeclaredLoadsRepository,
  type AlertStores,
  raiseDueWaits,
  type AlertsDependencies,
  type StoredWait,
  type UndeclaredLoad,
} from '@mmt/alerts';
import type { AlertChange, Journey, Milestone, Notice } from '@mmt/contracts';
import type { AppliedJourneyUpdate } from '@mmt/kafka';
import { alertChangeIdentity, firstOfEach } from './support/alert-topics';
import { waitFor } from './support/graphql-client';
import { testDatabase } from './support/infra';
import { simulatedHistory } from './support/simulated-history';

/** The alerts service's bookkeeping (undeclared loads, cold-chain waits, notices) against the real store. */

/** What each batch puts into the bookkeeping collections, counted by the two repositories below. */
const puts = { undeclared: 0, waits: 0 };

class CountingLoads extends UndeclaredLoadsRepository {
  override replace(put: readonly UndeclaredLoad[], removedIds: readonly string[]): Promise<void> {
    puts.undeclared += put.length;
    return super.replace(put, removedIds);
  }
}

class CountingWaits extends ColdChainWaitsRepository {
  override replace(put: readonly StoredWait[], removedIds: readonly string[]): Promise<void> {
    puts.waits += put.length;
    return super.replace(put, removedIds);
  }
}

/** The value with the fields of each of its objects in reverse order. */
function reordered(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map(reordered);
  }
  if (value === null || typeof value !== 'object' || value instanceof Date) {
    return value;
  }
  return Object.fromEntries(
    Object.entries(value)
      .reverse()
      .map(([key, field]) => [key, reordered(field)]),
  );
}

const CONTAINER = 'CSNU1234560';
const QCT = { locode: 'CNQZH', facility: 'QCT' };
const GYP = { locode: 'CNCQI', facility: 'GYP' };
const TRAIN = { mode: 'RAIL', trainNo: '85001', departureDate: '2026-03-02' } as const;
const VESSEL = { mode: 'VESSEL', imo: '9811000', voyage: 'S012' } as const;

function milestone(code: string, at: string, extra: Partial<Milestone>): Milestone {
  return { code, classifier: 'ACT', at, eventId: `${code}-${at}`, sourceSystem: 'COASTAL_PORT', ...extra };
}

/** A cold container loaded on a train at Chongqing (no manifest of it known), then discharged at Qinzhou. */
function coldJourney(journeyId: string, orgIds: readonly string[]): Journey {
  return {
    journeyId,
    containerNo: CONTAINER,
    corridor: 'LAND_SEA_CORRIDOR',
    origin: GYP,
    destination: { locode: 'SGSIN', facility: 'PPT' },
    documents: [],
    documentStatuses: [],
    parties: [],
    orgIds,
    status: 'AT_HUB',
    legs: [],
    milestones: [
      milestone('LOAD', '2026-03-02T08:00:00.000Z', { place: GYP, conveyance: TRAIN }),
      milestone('DISC', '2026-03-06T08:00:00.000Z', { place: QCT, conveyance: VESSEL }),
      milestone('CUSS', '2026-03-06T09:00:00.000Z', { place: QCT }),
    ],
    dwell: [],
    customs: 'SELECTED',
    holds: [],
    coldChain: true,
    eventIds: [],
    version: journeyId,
  };
}

describe('Alert bookkeeping (real store)', () => {
  let store: Connection;
  let stores: AlertStores;
  let sent: { changes: AlertChange[]; notices: Notice[] };
  let deps: AlertsDependencies;

  beforeAll(async () => {
    store = await testDatabase('alerts-bookkeeping');
    stores = {
      ...alertStoresOn(store),
      undeclaredLoads: new CountingLoads(store),
      coldChainWaits: new CountingWaits(store),
    };
    await ensureAlertIndexes(stores);
  });

  beforeEach(async () => {
    for (const repository of eachAlertStore(stores)) {
      await repository.deleteAll();
    }
    Object.assign(puts, { undeclared: 0, waits: 0 });
    sent = { changes: [], notices: [] };
    deps = {
      stores,
      manifestsOf: () => Promise.resolve([]),
      publish: (changes, notices) => {
        sent.changes.push(...changes);
        sent.notices.push(...notices);
        return Promise.resolve();
      },
      now: () => '2026-03-06T10:00:00.000Z',
    };
  });

  const waitsOf = async (journey: Journey) =>
    (await stores.coldChainWaits.ofContainers([journey.containerNo])).filter((w) => w.journeyId === journey.journeyId);
  const undeclaredOf = async (journey: Journey) =>
    (await stores.undeclaredLoads.ofContainers([journey.containerNo])).filter(
      (l) => l.journey.journeyId === journey.journeyId,
    );

  afterAll(async () => {
    await dropDatabaseInSteps(store);
    await store.close();
  });

  it('writes and sends nothing again for journeys it has judged as they are', async () => {
    const { journeys } = simulatedHistory({ journeys: 300, seed: 8, start: '2026-03-01T08:00:00+08:00' });
    const waiting = coldJourney(`${CONTAINER}/BILL_OF_LADING:CQSG001`, ['org-shipper']);
    const updates = [...journeys, waiting].map((journey): AppliedJourneyUpdate => ({ journey }));
    await applyJourneyAlerts(deps, updates);
    expect(puts.undeclared).toBeGreaterThan(0);
    expect(puts.waits).toBeGreaterThan(0);
    expect(sent.notices.length).toBeGreaterThan(0);

    // As another store (or an earlier version) may give them back: every object's fields in another order.
    for (const name of ['alert_undeclared_loads', 'alert_cold_chain_waits']) {
      const collection = store.collection(name);
      for (const document of await collection.find({}).toArray()) {
        await collection.replaceOne({ _id: document._id }, reordered(document) as Document);
      }
    }
    Object.assign(puts, { undeclared: 0, waits: 0 });
    sent = { changes: [], notices: [] };
    await applyJourneyAlerts(deps, updates);
    expect(puts).toEqual({ undeclared: 0, waits: 0 });
    expect(sent).toEqual({ changes: [], notices: [] });
  });

  it("drops a gone journey's waits and undeclared loads, so the clock never raises an alert on it", async () => {
    const undocumented = coldJourney(`${CONTAINER}/UNDOCUMENTED`, []);
    await applyJourneyAlerts(deps, [{ journey: undocumented, containerJourneyIds: [undocumented.journeyId] }]);
    expect(await waitsOf(undocumented)).toHaveLength(1);
    expect(await undeclaredOf(undocumented)).toHaveLength(1);

    // The waybill arrives: the container's events now make up the waybill's journey.
    const documented = coldJourney(`${CONTAINER}/BILL_OF_LADING:CQSG001`, ['org-shipper', 'org-consignee']);
    await applyJourneyAlerts(deps, [{ journey: documented, containerJourneyIds: [documented.journeyId] }]);
    expect(await waitsOf(undocumented)).toEqual([]);
    expect(await undeclaredOf(undocumented)).toEqual([]);
    expect(await waitsOf(documented)).toHaveLength(1);
    expect(await undeclaredOf(documented)).toHaveLength(1);

    await raiseDueWaits(deps, new Date('2026-03-07T00:00:00.000Z'));
    expect(sent.changes.map((c) => [c.change, c.alert.journeyId])).toEqual([['RAISED', documented.journeyId]]);
  });

  it('keeps one notice per customs event and sends it to the parties that join its journey later, once', async () => {
    const undocumented = coldJourney(`${CONTAINER}/UNDOCUMENTED`, []);
    await applyJourneyAlerts(deps, [{ journey: undocumented, containerJourneyIds: [undocumented.journeyId] }]);
    expect(sent.notices.map((n) => [n.journeyId, n.orgIds, n.addedOrgIds])).toEqual([
      [undocumented.journeyId, [], undefined],
    ]);
    const { noticeId, issuedAt } = sent.notices[0];

    sent.notices = [];
    const documented = coldJourney(`${CONTAINER}/BILL_OF_LADING:CQSG001`, ['org-shipper']);
    await applyJourneyAlerts(deps, [{ journey: documented, containerJourneyIds: [documented.journeyId] }]);
    const withConsignee = { ...documented, orgIds: ['ORG-SHIPPER', 'org-consignee'], version: 'v2' };
    await applyJourneyAlerts(deps, [{ journey: withConsignee, containerJourneyIds: [documented.journeyId] }]);
    await applyJourneyAlerts(deps, [{ journey: withConsignee, containerJourneyIds: [documented.journeyId] }]);
    expect(sent.notices.map((n) => [n.noticeId, n.journeyId, n.addedOrgIds, n.issuedAt])).toEqual([
      [noticeId, documented.journeyId, ['org-shipper'], issuedAt],
      [noticeId, documented.journeyId, ['org-consignee'], issuedAt],
    ]);
    const stored = await stores.notices.noticesOfContainers([CONTAINER]);
    expect(stored.map((n) => [n.noticeId, n.journeyId, n.orgIds])).toEqual([
      [noticeId, documented.journeyId, ['ORG-SHIPPER', 'org-consignee']],
    ]);
    expect(stored[0]).not.toHaveProperty('addedOrgIds');
  });

  it('moves a notice stored under its earlier id to its event id, and issues it no second time', async () => {
    const journey = coldJourney(`${CONTAINER}/BILL_OF_LADING:CQSG001`, ['org-shipper']);
    await applyJourneyAlerts(deps, [{ journey, containerJourneyIds: [journey.journeyId] }]);
    const [notice] = await stores.notices.noticesOfContainers([CONTAINER]);
    const earlierId = `${journey.journeyId}|${notice.eventId}`;
    await stores.notices.collection.deleteMany({});
    await stores.notices.collection.insertOne({ ...notice, _id: earlierId, noticeId: earlierId });

    expect(await stores.notices.renameEarlierNotices()).toBe(1);
    expect(await stores.notices.renameEarlierNotices()).toBe(0);
    sent.notices = [];
    await applyJourneyAlerts(deps, [
      { journey: { ...journey, version: 'v2' }, containerJourneyIds: [journey.journeyId] },
    ]);
    expect(sent.notices).toEqual([]);
    expect(await stores.notices.noticesOfContainers([CONTAINER])).toEqual([notice]);
  });
  // Two containers loaded on a barge whose manifest lists neither: a batch of either judges both loads.
  const barge = { mode: 'BARGE', name: 'YUGANG 724', voyage: 'D260465' } as const;
  const manifestsOf = () =>
    Promise.resolve([{ conveyanceKey: 'BARGE:YUGANG 724:D260465', containerNos: ['TGHU0000001'] }]);
  const loadedOnBarge = (containerNo: string): Journey => ({
    ...coldJourney(`${containerNo}/BILL_OF_LADING:CQYB${containerNo}`, ['org-shipper']),
    containerNo,
    coldChain: false,
    milestones: [milestone('LOAD', '2026-03-06T08:00:00.000Z', { place: GYP, conveyance: barge })],
  });
  const [a, b] = [loadedOnBarge('OOLU3140256'), loadedOnBarge('MSKU7750013')];
  const alertIdOf = (journey: Journey) => `LOADED_NOT_DECLARED|${journey.journeyId}|BARGE:YUGANG 724:D260465`;
  const loadAlertsSent = () => sent.changes.filter((c) => c.alert.kind === 'LOADED_NOT_DECLARED');

  it('sends a copy of the raise, never a second raise, when two instances judge one undeclared load at once', async () => {
    // The first instance has stored its raise of a's alert and is still sending it when the second judges b.
    let release!: () => void;
    const sending = new Promise<void>((resolve) => (release = resolve));
    const first = applyJourneyAlerts(
      { ...deps, manifestsOf, publish: (...sends) => sending.then(() => deps.publish(...sends)) },
      [{ journey: a }],
    );
    await waitFor(
      "the first instance's raise stored",
      async () => (await stores.alerts.findAlert(alertIdOf(a))) !== undefined,
    );
    await applyJourneyAlerts({ ...deps, manifestsOf, now: () => '2026-03-06T10:00:05.000Z' }, [{ journey: b }]);
    release();
    await first;

    const loadAlerts = loadAlertsSent();
    const ofA = loadAlerts.filter((c) => c.alert.alertId === alertIdOf(a));
    // The second instance sent what a's stored alert owed, as the first did: the same message, the first's time.
    expect(ofA.map((c) => [c.change, c.changedAt])).toEqual([
      ['RAISED', '2026-03-06T10:00:00.000Z'],
      ['RAISED', '2026-03-06T10:00:00.000Z'],
    ]);
    expect(ofA[1]).toEqual(ofA[0]);
    expect(firstOfEach(loadAlerts, alertChangeIdentity).map((c) => [c.alert.alertId, c.change])).toEqual([
      [alertIdOf(a), 'RAISED'],
      [alertIdOf(b), 'RAISED'],
    ]);
    expect((await stores.alerts.alertsById([alertIdOf(a), alertIdOf(b)])).filter((d) => 'pending' in d)).toEqual([]);
  });
  it('raises a cleared alert again once, when two instances judge it at once', async () => {
    // a's alert was cleared earlier; both instances now find the load undeclared again. The first reads the alert
    // as CLEARED, and is held before its writes while the second raises it.
    await applyJourneyAlerts({ ...deps, manifestsOf }, [{ journey: a }]);
    await stores.alerts.collection.updateOne(
      { _id: alertIdOf(a) },
      { $set: { state: 'CLEARED', resolvedAt: '2026-03-06T09:00:00.000Z', resolvedBy: 'platform' } },
    );
    sent = { changes: [], notices: [] };
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let reachedWrites = false;
    const heldNotices = Object.create(stores.notices) as typeof stores.notices;
    heldNotices.noticesOfContainers = async (containerNos) => {
      reachedWrites = true;
      await held;
      return stores.notices.noticesOfContainers(containerNos);
    };
    const first = applyJourneyAlerts(
      { ...deps, stores: { ...stores, notices: heldNotices }, manifestsOf, now: () => '2026-03-06T11:00:00.000Z' },
      [{ journey: { ...a, version: 'v2' } }],
    );
    await waitFor('the first instance to judge', () => reachedWrites);
    await applyJourneyAlerts({ ...deps, manifestsOf, now: () => '2026-03-06T11:00:05.000Z' }, [{ journey: b }]);
    release();
    const result = await first;

    // The first instance's reopen finds the alert raised meanwhile, and judging again it leaves it as it is.
    expect(result.rejudged).toBe(1);
    const ofA = loadAlertsSent().filter((c) => c.alert.alertId === alertIdOf(a));
    expect(ofA.map((c) => [c.change, c.changedAt])).toEqual([['RAISED', '2026-03-06T11:00:05.000Z']]);
    const stored = await stores.alerts.findAlert(alertIdOf(a));
    expect(stored).toMatchObject({ state: 'OPEN', raisedAt: '2026-03-06T11:00:05.000Z' });
    expect(stored).not.toHaveProperty('pending');
  });
});

import { isDeepStrictEqual } from 'node:util';
import { atFailpoint } from '@mmt/config';
import type { Alert, AlertChange, Journey, Notice, TimeLimitTable } from '@mmt/contracts';
import { latestOfBatch, type AppliedJourneyUpdate } from '@mmt/kafka';
import { alertDocument, type AlertDocument, type AlertWrite, type PendingAlertChange } from './alert-documents';
import type { AlertStores } from './alert-stores';
import {
  journeyAlerts,
  loadedNotDeclared,
  declaredConveyances,
  undeclaredLoads,
  type AlertCondition,
} from './journey-alerts';
import { journeyNotices, noticeChanges } from './journey-notices';
import { coldChainWaits, dueAt, type StoredWait } from './cold-chain-waits';
import {
  alertsAfter,
  judgedUntilUnchanged,
  noticesAfter,
  sendOwedFirst,
  sendPending,
  writeStep,
} from './pending-sends';

/** What the alerts need of one journey update, in topic order. */
export type AlertsInput = AppliedJourneyUpdate;

export interface AlertsDependencies {
  readonly stores: AlertStores;
  /** The manifests of these conveyances, as the normalizer keeps them (every container each lists). */
  readonly manifestsOf: (
    conveyanceKeys: readonly string[],
  ) => Promise<readonly { readonly conveyanceKey: string; readonly containerNos: readonly string[] }[]>;
  /** Sends changes and notices to their topics; resolves once the broker has them. */
  readonly publish: (changes: readonly AlertChange[], notices: readonly Notice[]) => Promise<void>;
  readonly now?: () => string;
  /** How long a wait first learned past its deadline is given for its end to arrive: see dueAt. */
  readonly lateWaitGraceMs?: number;
}

/** Five minutes: a backlog of a few minutes' traffic is read in far less. */
export const DEFAULT_LATE_WAIT_GRACE_MS = 5 * 60_000;

export interface AlertsResult {
  readonly raised: number;
  readonly cleared: number;
  readonly notices: number;
  readonly noticesResent: number;
  /** How many times the batch was judged again because one of its alerts changed meanwhile. */
  readonly rejudged: number;
}

const LIVE: readonly Alert['state'][] = ['OPEN', 'ACKNOWLEDGED'];
const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * Raises the alerts the batch's journeys call for and clears those their events no longer support, and issues
 * each inspection notice once. Changes are stored before they are sent, each with the message it owes the topic,
 * which is forgotten once sent: a retry or replay after a failure anywhere sends what is still owed, the same
 * messages, and a replay of what was stored and sent sends nothing (see pending-sends.ts).
 */
export async function applyJourneyAlerts(
  deps: AlertsDependencies,
  updates: readonly AlertsInput[],
): Promise<AlertsResult> {
  const { result, rejudged } = await judgedUntilUnchanged(() => judgeBatch(deps, updates));
  return { ...result, rejudged };
}

async function judgeBatch(
  deps: AlertsDependencies,
  updates: readonly AlertsInput[],
): Promise<Omit<AlertsResult, 'rejudged'>> {
  const { stores } = deps;
  const now = (deps.now ?? (() => new Date().toISOString()))();
  const { latest, listed } = latestOfBatch(updates);
  const isGone = (journeyId: string, containerNo: string) => listed.get(containerNo)?.has(journeyId) === false;
  /** Whether the batch judges this journey: it is in the batch, or gone (its events moved to another journey). */
  const isJudged = (journeyId: string, containerNo: string) => latest.has(journeyId) || isGone(journeyId, containerNo);
  const journeys = [...latest.values()].filter((j) => !isGone(j.journeyId, j.containerNo));
  const containers = [...new Set([...latest.values()].map((j) => j.containerNo))];
  const table = await stores.timeLimits.currentLimits();

  // Loads onto conveyances the journey has no manifest for: kept, to meet the conveyance's manifest whenever it comes.
  const loads = journeys.flatMap(undeclaredLoads);
  const storedLoads = (await stores.undeclaredLoads.ofContainers(containers)).filter((l) =>
    isJudged(l.journey.journeyId, l.journey.containerNo),
  );
  const loadIds = new Set(loads.map((l) => l._id));
  const staleLoadIds = new Set(storedLoads.filter((l) => !loadIds.has(l._id)).map((l) => l._id));
  const storedLoadById = new Map(storedLoads.map((l) => [l._id, l]));
  const changedLoads = loads.filter((l) => !isDeepStrictEqual(storedLoadById.get(l._id), l));
  if (changedLoads.length + staleLoadIds.size > 0) {
    await atFailpoint('alerts.saveUndeclared', () => stores.undeclaredLoads.replace(changedLoads, [...staleLoadIds]));
  }
  const waits = await keepWaits(deps, journeys, containers, isJudged, table, now);

  const checked = [
    ...new Set([...loads.map((l) => l.conveyanceKey), ...journeys.flatMap((j) => [...declaredConveyances(j).keys()])]),
  ];
  const [manifests, loadsOnChecked] =
    checked.length === 0
      ? [[], []]
      : await Promise.all([deps.manifestsOf(checked), stores.undeclaredLoads.onConveyances(checked)]);
  const currentLoads = new Map(
    [...loadsOnChecked.filter((l) => !staleLoadIds.has(l._id)), ...loads].map((l) => [l._id, l]),
  );

  const conditions = new Map<string, AlertCondition>();
  for (const condition of [
    ...journeys.flatMap((journey) => journeyAlerts(journey, table)),
    ...[...currentLoads.values()].flatMap((load) => loadedNotDeclared(load, manifests) ?? []),
  ]) {
    conditions.set(condition.alertId, condition);
  }

  const read = new Map((await stores.alerts.alertsOfContainers(containers)).map((a) => [a.alertId, a]));
  const elsewhere = [...conditions.keys()].filter((id) => !read.has(id));
  for (const alert of elsewhere.length === 0 ? [] : await stores.alerts.alertsById(elsewhere)) {
    read.set(alert.alertId, alert);
  }
  const stored = await sendOwedFirst(deps, read);
  // A raised wait stays while the container waits; the clock raises the others (raiseDueWaits).
  for (const wait of waits.filter((w) => LIVE.includes(stored.get(w._id)?.state ?? 'CLEARED'))) {
    conditions.set(wait._id, wait.condition);
  }

  const raised = raisedAlerts(conditions.values(), stored, now);
  const raising: PendingAlertChange = { change: 'RAISED', changedAt: now };
  const newAlerts = raised.inserted.map((alert) => alertDocument(alert, raising));
  const writes: AlertWrite[] = raised.reopened.map((alert) => ({
    replace: alertDocument(alert, raising),
    from: 'CLEARED',
  }));
  for (const condition of conditions.values()) {
    const before = stored.get(condition.alertId);
    const live = before !== undefined && before.state !== 'CLEARED';
    if (live && (!sameList(before.orgIds, condition.orgIds) || before.coldChain !== condition.coldChain)) {
      writes.push({ alertId: before.alertId, fields: { orgIds: condition.orgIds, coldChain: condition.coldChain } });
    }
  }
  let cleared = 0;
  for (const before of stored.values()) {
    if (
      isJudged(before.journeyId, before.containerNo) &&
      LIVE.includes(before.state) &&
      !conditions.has(before.alertId)
    ) {
      const fields = { state: 'CLEARED', resolvedAt: now, resolvedBy: 'platform' } as const;
      writes.push({
        alertId: before.alertId,
        fields: { ...fields, pending: { change: 'CLEARED', changedAt: now } },
        from: before.state,
      });
      cleared += 1;
    }
  }

  const issuedBefore = new Map((await stores.notices.noticesOfContainers(containers)).map((n) => [n.noticeId, n]));
  const notices = noticeChanges(journeys.flatMap(journeyNotices), issuedBefore, now);

  // Stored first, each change with the message it owes; then sent (see pending-sends.ts).
  const insertedAlerts = await writeStep(
    'alerts.insertAlerts',
    newAlerts,
    () => stores.alerts.insertAlerts(newAlerts),
    [],
  );
  await writeStep('alerts.updateAlerts', writes, () => stores.alerts.updateAlerts(writes), undefined);
  const { issued, changed } = notices;
  const insertedNotices = await writeStep(
    'alerts.insertNotices',
    issued,
    () => stores.notices.insertNotices(issued),
    [],
  );
  await writeStep('alerts.updateNotices', changed, () => stores.notices.replaceNotices(changed), undefined);
  await sendPending(
    deps,
    alertsAfter(stored, insertedAlerts, writes),
    noticesAfter(issuedBefore, insertedNotices, changed),
  );
  return {
    raised: newAlerts.length + raised.reopened.length,
    cleared,
    notices: issued.length,
    noticesResent: notices.resent,
  };
}

/**
 * The alert of each condition that has no alert yet, or only a CLEARED one (later data brought it back), raised
 * `now`: the new alerts to insert and the cleared ones to reopen. Alerts that are open, acknowledged or resolved stay.
 */
export function raisedAlerts(
  conditions: Iterable<AlertCondition>,
  stored: ReadonlyMap<string, AlertDocument>,
  now: string,
): { inserted: Alert[]; reopened: Alert[] } {
  const result = { inserted: [] as Alert[], reopened: [] as Alert[] };
  for (const condition of conditions) {
    const before = stored.get(condition.alertId);
    if (before !== undefined && before.state !== 'CLEARED') {
      continue;
    }
    const alert: Alert = { ...condition, state: 'OPEN', raisedAt: now };
    (before === undefined ? result.inserted : result.reopened).push(alert);
  }
  return result;
}

/**
 * Stores the waits of the batch's journeys and drops the waits that ended; returns the current ones. A wait keeps
 * its due time (and whether it was raised) while its deadline stays the same.
 */
async function keepWaits(
  deps: AlertsDependencies,
  journeys: readonly Journey[],
  containers: readonly string[],
  isJudged: (journeyId: string, containerNo: string) => boolean,
  table: TimeLimitTable,
  now: string,
): Promise<StoredWait[]> {
  const stored = new Map(
    (await deps.stores.coldChainWaits.ofContainers(containers))
      .filter((w) => isJudged(w.journeyId, w.containerNo))
      .map((w) => [w._id, w]),
  );
  const graceMs = deps.lateWaitGraceMs ?? DEFAULT_LATE_WAIT_GRACE_MS;
  const waits = journeys.flatMap((journey) => coldChainWaits(journey, table));
  const current = waits.map((wait): StoredWait => {
    const before = stored.get(wait._id);
    return before !== undefined && before.deadline === wait.deadline
      ? { ...wait, dueAt: before.dueAt, raised: before.raised }
      : { ...wait, dueAt: dueAt(wait, new Date(now), graceMs), raised: false };
  });
  const ids = new Set(waits.map((w) => w._id));
  const changed = current.filter((w) => !isDeepStrictEqual(w, stored.get(w._id)));
  const ended = [...stored.keys()].filter((id) => !ids.has(id));
  if (changed.length + ended.length > 0) {
    await atFailpoint('alerts.saveWaits', () => deps.stores.coldChainWaits.replace(changed, ended));
  }
  return current;
}

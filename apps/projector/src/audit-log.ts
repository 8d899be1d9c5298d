import { isDeepStrictEqual } from 'node:util';
import type { Connection } from 'mongoose';
import { StatisticsRepository, StatisticsTotals, storedTotals, totalsDifferences } from '@mmt/analytics';
import type { Journey } from '@mmt/contracts';
import { foldJourneys } from '@mmt/journey';
import { EventLogRepository, JourneysRepository } from '@mmt/store';

/** Containers compared with their stored journeys in one read. */
const CONTAINERS_PER_STEP = 200;

export type DifferenceKind =
  'JOURNEY_NOT_STORED' | 'JOURNEY_NOT_IN_LOG' | 'JOURNEY_DIFFERS' | 'EVENTS_MISSING_FROM_LOG' | 'STATISTICS_DIFFER';

export interface Difference {
  readonly kind: DifferenceKind;
  /** A journey id, or a statistics bucket (`<bucket id>` or `<bucket id>|<day>`). */
  readonly id: string;
  readonly detail: string;
}

export interface AuditReport {
  readonly events: number;
  readonly containers: number;
  readonly journeys: number;
  /** Event versions the log holds more than once: harmless (reads keep the first copy), counted for operators. */
  readonly extraCopies: number;
  readonly differences: Difference[];
}

/**
 * Compares the event log, the platform's source of truth, with what was derived from it, and writes nothing:
 * each container's logged events are folded and compared with its stored journeys, and the statistics those
 * journeys make are compared with the stored statistics. A journey that lists an event the log does not hold is
 * named as such: that is how an event lost from the log shows. Reads the log once, container by container.
 */
export async function auditEventLog(
  store: Connection,
  onProgress: (containers: number) => void = () => undefined,
): Promise<AuditReport> {
  const eventLog = new EventLogRepository(store);
  const stored = new JourneysRepository(store);
  const differences: Difference[] = [];
  const fromLog = new Set<string>();
  const statistics = new StatisticsTotals();
  let events = 0;
  let containers = 0;
  let extraCopies = 0;
  let step: { containerNo: string; events: readonly { eventId: string }[]; journeys: Journey[] }[] = [];

  const compareStep = async () => {
    const storedJourneys = await stored.ofContainers(step.map((c) => c.containerNo));
    const byId = new Map(storedJourneys.map((j) => [j.journeyId, j]));
    for (const container of step) {
      const logged = new Set(container.events.map((e) => e.eventId));
      for (const journey of container.journeys) {
        fromLog.add(journey.journeyId);
        statistics.add(journey);
        differences.push(...journeyDifferences(journey, byId.get(journey.journeyId), logged));
      }
    }
    step = [];
  };

  for await (const [containerNo, containerEvents, copies] of eventLog.byContainer()) {
    events += containerEvents.length;
    extraCopies += copies;
    containers += 1;
    step.push({ containerNo, events: containerEvents, journeys: foldJourneys(containerEvents) });
    if (step.length === CONTAINERS_PER_STEP) {
      await compareStep();
      onProgress(containers);
    }
  }
  await compareStep();

  let journeys = 0;
  for await (const journeyId of stored.ids()) {
    journeys += 1;
    if (!fromLog.has(journeyId)) {
      differences.push({
        kind: 'JOURNEY_NOT_IN_LOG',
        id: journeyId,
        detail: 'stored, but the event log does not make this journey',
      });
    }
  }
  for (const { id, metrics } of totalsDifferences(
    statistics.totals(),
    await storedTotals(new StatisticsRepository(store)),
  )) {
    differences.push({ kind: 'STATISTICS_DIFFER', id, detail: `metrics that differ: ${metrics.join(', ')}` });
  }
  return { events, containers, journeys, extraCopies, differences };
}

function journeyDifferences(fromLog: Journey, stored: Journey | undefined, logged: ReadonlySet<string>): Difference[] {
  if (stored === undefined) {
    return [{ kind: 'JOURNEY_NOT_STORED', id: fromLog.journeyId, detail: 'the event log makes it; it is not stored' }];
  }
  if (isDeepStrictEqual(stored, fromLog)) {
    return [];
  }
  const missing = stored.eventIds.filter((id) => !logged.has(id));
  if (missing.length > 0) {
    return [
      {
        kind: 'EVENTS_MISSING_FROM_LOG',
        id: fromLog.journeyId,
        detail: `the stored journey lists ${missing.length} event(s) the log does not hold: ${missing.slice(0, 5).join(', ')}`,
      },
    ];
  }
  const fields = (Object.keys(fromLog) as (keyof Journey)[]).filter(
    (field) => !isDeepStrictEqual(stored[field], fromLog[field]),
  );
  return [
    {
      kind: 'JOURNEY_DIFFERS',
      id: fromLog.journeyId,
      detail: `stored version ${stored.version}, the log makes ${fromLog.version}; fields that differ: ${fields.join(', ')}`,
    },
  ];
}

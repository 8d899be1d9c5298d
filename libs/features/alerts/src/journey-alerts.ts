import {
  conveyanceKey,
  type Alert,
  type Conveyance,
  type Journey,
  type Milestone,
  type TimeLimitOperation,
  type TimeLimitTable,
} from '@mmt/contracts';
import { limitFor } from './time-limits';

/** What a journey's events say is wrong: an alert before it is raised (no state, no times of its own yet). */
export type AlertCondition = Omit<
  Alert,
  'state' | 'raisedAt' | 'acknowledgedAt' | 'acknowledgedBy' | 'resolvedAt' | 'resolvedBy' | 'resolutionNote'
>;

type JourneyFields = Pick<AlertCondition, 'journeyId' | 'containerNo' | 'corridor' | 'coldChain' | 'orgIds'>;

export function journeyFields(journey: Journey): JourneyFields {
  return {
    journeyId: journey.journeyId,
    containerNo: journey.containerNo,
    ...(journey.corridor === undefined ? {} : { corridor: journey.corridor }),
    coldChain: journey.coldChain,
    orgIds: journey.orgIds,
  };
}

interface Operation {
  readonly starts: (m: Milestone, journey: Journey) => boolean;
  readonly ends: (m: Milestone) => boolean;
}

const mode = (m: Milestone) => m.conveyance?.mode;

/** Where each published operation starts and ends, on the container's actual milestones at one port. */
const OPERATIONS: Readonly<Record<TimeLimitOperation, Operation>> = {
  IN_YARD_TRANSFER: { starts: (m) => m.code === 'DISC', ends: (m) => m.code === 'GTIN' },
  BOX_SHIFTING: { starts: (m) => m.code === 'ARRI' && mode(m) === 'RAIL', ends: (m) => m.code === 'TRANSFER' },
  DEVANNING: { starts: (m) => m.code === 'GTIN', ends: (m) => m.code === 'STRP' },
  CONSIGNEE_PICKUP: {
    starts: (m, journey) => m.code === 'DISC' && m.place?.locode === journey.destination?.locode,
    ends: (m) => m.code === 'GTOT',
  },
  RELEASE_AFTER_INSPECTION: { starts: (m) => m.code === 'CUSI', ends: (m) => m.code === 'CUSR' },
  RAIL_TO_VESSEL: {
    starts: (m) => m.code === 'DISC' && mode(m) === 'RAIL',
    ends: (m) => m.code === 'LOAD' && mode(m) === 'VESSEL',
  },
};

const minutesBetween = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 60_000);
const byTime = (a: Milestone, b: Milestone) => Date.parse(a.at) - Date.parse(b.at);
export const hours = (minutes: number) => `${Math.round(minutes / 6) / 10} h`;

/** One published operation at one port, from its first start there to the next end, if it has ended. */
export interface OperationSpan {
  readonly operation: TimeLimitOperation;
  readonly locode: string;
  readonly start: Milestone;
  readonly end?: Milestone;
  /** The limit in force: the cold-chain one for cold cargo. */
  readonly limitMinutes: number;
}

/** The published operations on a journey's actual milestones (sorted by time) that have a limit at their port. */
export function operationSpans(journey: Journey, actual: readonly Milestone[], table: TimeLimitTable): OperationSpan[] {
  const spans: OperationSpan[] = [];
  for (const [operation, { starts, ends }] of Object.entries(OPERATIONS) as [TimeLimitOperation, Operation][]) {
    const startedAt = new Set<string>();
    for (const start of actual.filter((m) => starts(m, journey))) {
      const locode = start.place!.locode;
      const limit = limitFor(table.limits, operation, locode);
      if (startedAt.has(locode) || limit === undefined) {
        continue;
      }
      startedAt.add(locode);
      const end = actual.find((m) => ends(m) && m.place!.locode === locode && Date.parse(m.at) >= Date.parse(start.at));
      const limitMinutes = journey.coldChain ? limit.coldChainMinutes : limit.minutes;
      spans.push({ operation, locode, start, ...(end === undefined ? {} : { end }), limitMinutes });
    }
  }
  return spans;
}

/** A journey's actual milestones that have a place, oldest first: what operations are measured on. */
export const actualMilestones = (journey: Journey) =>
  journey.milestones.filter((m) => m.classifier === 'ACT' && m.place !== undefined).sort(byTime);

/** Every finished operation at a port that took longer than its limit. */
function timeLimitBreaches(journey: Journey, actual: readonly Milestone[], table: TimeLimitTable): AlertCondition[] {
  const breaches: AlertCondition[] = [];
  for (const { operation, locode, start, end, limitMinutes } of operationSpans(journey, actual, table)) {
    if (end === undefined) {
      continue;
    }
    // Over the limit by any time at all, as the clock judges a wait (the minutes shown are rounded).
    if (Date.parse(end.at) - Date.parse(start.at) > limitMinutes * 60_000) {
      const minutes = minutesBetween(start.at, end.at);
      breaches.push({
        alertId: `TIME_LIMIT_BREACH|${journey.journeyId}|${operation}|${locode}`,
        kind: 'TIME_LIMIT_BREACH',
        ...journeyFields(journey),
        place: end.place!,
        at: end.at,
        operation,
        minutes,
        limitMinutes,
        limitsVersion: table.version,
        message:
          `${journey.containerNo}: ${operation} at ${locode} took ${hours(minutes)}, over the ` +
          `${journey.coldChain ? 'cold-chain ' : ''}limit of ${hours(limitMinutes)} (time limits v${table.version})`,
      });
    }
  }
  return breaches;
}

/** Conveyances by key, as the journey's milestones name them. */
function conveyancesOf(milestones: readonly Milestone[]): Map<string, Conveyance> {
  return new Map(
    milestones.flatMap((m) => (m.conveyance === undefined ? [] : [[conveyanceKey(m.conveyance), m.conveyance]])),
  );
}

/** The conveyances the journey's manifests put the container on. */
export function declaredConveyances(journey: Journey): Map<string, Conveyance> {
  return conveyancesOf(journey.milestones.filter((m) => m.code.startsWith('MANIFEST_')));
}

/** The actual loads (LOAD, or a gauge-change TRANSFER) onto a conveyance, first one per conveyance. */
export function actualLoads(journey: Journey): Map<string, Milestone> {
  const loads = new Map<string, Milestone>();
  for (const m of [...journey.milestones].sort(byTime)) {
    if (m.classifier === 'ACT' && (m.code === 'LOAD' || m.code === 'TRANSFER') && m.conveyance !== undefined) {
      const key = conveyanceKey(m.conveyance);
      if (!loads.has(key)) {
        loads.set(key, m);
      }
    }
  }
  return loads;
}

/**
 * A vessel or barge the container was manifested on but not loaded onto, while it was loaded onto another of
 * the same mode: at Qinzhou on the Land-Sea Corridor, the rail-sea connection missed; elsewhere a mismatch
 * between manifest and loading. Only a load elsewhere counts as evidence: a load not yet reported is not one.
 */
function plannedButLoadedElsewhere(journey: Journey): AlertCondition[] {
  const loads = actualLoads(journey);
  const conditions: AlertCondition[] = [];
  for (const [planned, conveyance] of declaredConveyances(journey)) {
    if ((conveyance.mode !== 'VESSEL' && conveyance.mode !== 'BARGE') || loads.has(planned)) {
      continue;
    }
    const instead = [...loads.entries()].find(([, load]) => load.conveyance?.mode === conveyance.mode);
    if (instead === undefined) {
      continue;
    }
    const [actualKey, load] = instead;
    const missed = journey.corridor === 'LAND_SEA_CORRIDOR' && conveyance.mode === 'VESSEL';
    const kind = missed ? 'MISSED_CONNECTION' : 'DECLARED_NOT_LOADED';
    conditions.push({
      alertId: `${kind}|${journey.journeyId}|${planned}`,
      kind,
      ...journeyFields(journey),
      ...(load.place === undefined ? {} : { place: load.place }),
      at: load.at,
      conveyanceKey: actualKey,
      plannedConveyanceKey: planned,
      message: missed
        ? `${journey.containerNo} missed its planned vessel ${planned} at ${load.place?.locode ?? 'the port'} and was loaded on ${actualKey}`
        : `${journey.containerNo} was manifested on ${planned} but loaded on ${actualKey}`,
    });
  }
  return conditions;
}

/**
 * The alerts a journey's own events call for, under a time-limit table: a pure function of the journey, so a
 * journey folded from the same events gives the same alerts in any arrival order. (LOADED_NOT_DECLARED needs
 * the conveyance's manifest as well: see loadedNotDeclared.)
 */
export function journeyAlerts(journey: Journey, table: TimeLimitTable): AlertCondition[] {
  return [...timeLimitBreaches(journey, actualMilestones(journey), table), ...plannedButLoadedElsewhere(journey)];
}

/** A container loaded onto a conveyance that its journey has no manifest for. */
export interface UndeclaredLoad {
  readonly _id: string;
  readonly conveyanceKey: string;
  readonly load: Milestone;
  readonly journey: JourneyFields;
}

export function undeclaredLoads(journey: Journey): UndeclaredLoad[] {
  const declared = declaredConveyances(journey);
  return [...actualLoads(journey).entries()]
    .filter(([key, load]) => !declared.has(key) && load.conveyance?.mode !== 'TRUCK')
    .map(([key, load]) => ({
      _id: `${key}|${journey.journeyId}`,
      conveyanceKey: key,
      load,
      journey: journeyFields(journey),
    }));
}

/** An undeclared load is an alert once its conveyance has a manifest, and none of its manifests lists the container. */
export function loadedNotDeclared(
  load: UndeclaredLoad,
  manifests: readonly { readonly conveyanceKey: string; readonly containerNos: readonly string[] }[],
): AlertCondition | undefined {
  const ofConveyance = manifests.filter((m) => m.conveyanceKey === load.conveyanceKey);
  if (ofConveyance.length === 0 || ofConveyance.some((m) => m.containerNos.includes(load.journey.containerNo))) {
    return undefined;
  }
  return {
    alertId: `LOADED_NOT_DECLARED|${load.journey.journeyId}|${load.conveyanceKey}`,
    kind: 'LOADED_NOT_DECLARED',
    ...load.journey,
    ...(load.load.place === undefined ? {} : { place: load.load.place }),
    at: load.load.at,
    conveyanceKey: load.conveyanceKey,
    message: `${load.journey.containerNo} was loaded on ${load.conveyanceKey}, whose manifest does not list it`,
  };
}

import type { Journey, Milestone, TimeLimitOperation, TimeLimitTable } from '@mmt/contracts';
import { actualMilestones, hours, journeyFields, operationSpans, type AlertCondition } from './journey-alerts';

/** A box gated in where it was discharged, at its destination, is to be stripped there: nobody picks it up. */
function goesToStripping(start: Milestone, later: readonly Milestone[]): boolean {
  return later.some(
    (m) => m.code === 'GTIN' && m.place!.locode === start.place!.locode && Date.parse(m.at) > Date.parse(start.at),
  );
}

/**
 * A cold-chain container's operation that has started and not ended: the clock raises its COLD_CHAIN_WAITING
 * alert at `dueAt` unless the operation ends first. `deadline` is the start plus the cold-chain limit.
 */
export interface ColdChainWait {
  /** The alert's id. */
  readonly _id: string;
  readonly journeyId: string;
  readonly containerNo: string;
  readonly deadline: string;
  readonly condition: AlertCondition;
}

/** A wait as stored: when the clock raises it, and whether it has. */
export interface StoredWait extends ColdChainWait {
  readonly dueAt: Date;
  readonly raised: boolean;
}

/** Milestones after which the container no longer waits at the place: it left, was loaded onto something, or stripped. */
const MOVES_ON = new Set(['LOAD', 'DEPA', 'GTOT', 'TRANSFER', 'STRP']);
/** Operations that only a container ending its journey at the port waits for (an export box is not stripped). */
const AT_DESTINATION_ONLY = new Set<TimeLimitOperation>(['DEVANNING', 'CONSIGNEE_PICKUP']);

function movedOn(start: Milestone, later: readonly Milestone[]): boolean {
  return later.some(
    (m) => Date.parse(m.at) > Date.parse(start.at) && (MOVES_ON.has(m.code) || m.place!.locode !== start.place!.locode),
  );
}

/** The operations a cold-chain journey is still waiting on, each with the time its cold-chain limit runs out. */
export function coldChainWaits(journey: Journey, table: TimeLimitTable): ColdChainWait[] {
  if (!journey.coldChain) {
    return [];
  }
  const actual = actualMilestones(journey);
  return operationSpans(journey, actual, table)
    .filter(({ operation, locode, start, end }) => {
      const applies = !AT_DESTINATION_ONLY.has(operation) || journey.destination?.locode === locode;
      const superseded = operation === 'CONSIGNEE_PICKUP' && goesToStripping(start, actual);
      return end === undefined && applies && !movedOn(start, actual) && !superseded;
    })
    .map(({ operation, locode, start, limitMinutes }) => {
      const alertId = `COLD_CHAIN_WAITING|${journey.journeyId}|${operation}|${locode}`;
      const deadline = new Date(Date.parse(start.at) + limitMinutes * 60_000).toISOString();
      return {
        _id: alertId,
        journeyId: journey.journeyId,
        containerNo: journey.containerNo,
        deadline,
        condition: {
          alertId,
          kind: 'COLD_CHAIN_WAITING',
          ...journeyFields(journey),
          place: start.place!,
          at: deadline,
          operation,
          limitMinutes,
          limitsVersion: table.version,
          message:
            `${journey.containerNo} (cold chain) has waited at ${locode} since ${start.at} for ${operation}, ` +
            `past its limit of ${hours(limitMinutes)} (time limits v${table.version})`,
        },
      };
    });
}

/**
 * When the clock raises a wait first learned `now`: at its deadline; or, when that has passed already (the start
 * arrived late, or a backlog is being read), after `lateGraceMs`, so the end of the operation, which may be in the
 * same backlog, can still arrive before an alert that would only be cleared again.
 */
export function dueAt(wait: ColdChainWait, now: Date, lateGraceMs: number): Date {
  const deadline = new Date(wait.deadline);
  return deadline.getTime() >= now.getTime() ? deadline : new Date(now.getTime() + lateGraceMs);
}

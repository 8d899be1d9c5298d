/** Schedules → planned (PLN) conveyance reports, which reach every container on the conveyance like any other. */
import { conveyanceKey, type RawInTransit, type RawSchedule, type RawTransportCall } from '@mmt/contracts';

const MOVES: readonly {
  readonly time: keyof Omit<RawTransportCall, 'location'>;
  readonly status: RawInTransit['status'];
}[] = [
  { time: 'plannedArrival', status: 'ARRIVED' },
  { time: 'plannedDeparture', status: 'DEPARTED' },
  { time: 'plannedPassing', status: 'PASSED' },
];

/**
 * One planned in-transit report per call and movement: arrival, departure or passing. Its messageId names the
 * conveyance, the place and the movement, not the schedule's message, so that every version of the schedule
 * gives the same event ids: a later version (later sentAt) is a correction of the planned times, call by call,
 * whatever messageId it came with. (A call a later version leaves out keeps its earlier plan.)
 */
export function plannedReports(schedule: RawSchedule): RawInTransit[] {
  const key = conveyanceKey(schedule.conveyance);
  return schedule.transportCalls.flatMap((call) =>
    MOVES.flatMap(({ time, status }) => {
      const at = call[time];
      return at === undefined
        ? []
        : [
            {
              kind: 'IN_TRANSIT' as const,
              messageId: `SCHEDULE:${key}:${call.location.locode}/${call.location.facility ?? ''}:${status}`,
              source: schedule.source,
              sentAt: schedule.sentAt,
              status,
              classifier: 'PLN' as const,
              eventTime: at,
              location: call.location,
              conveyance: schedule.conveyance,
            },
          ];
    }),
  );
}

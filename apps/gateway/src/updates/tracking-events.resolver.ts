import { Args, Context, Resolver, Subscription } from '@nestjs/graphql';
import type { TrackingEvent } from '@mmt/contracts';
import type { GatewayContext } from '../access/gateway-context';
import type { StreamedEvent as ServedEvent, SubscriptionTrackingEventsArgs } from '../graphql/schema-types';
import type { Served } from '../graphql/served';
import { timelineEntry } from '../journeys/timeline-entry';
import { oncePerItem } from './once-per-item';
import { TrackingEventStream, type StreamedEvent } from './tracking-event-stream';

/** Every stream that carries an event gets the same view of it. */
const sharedEntry = oncePerItem((event: TrackingEvent) => timelineEntry(event));

function placeOf(event: TrackingEvent): string | undefined {
  return event.eventType === 'TRANSPORT' || event.eventType === 'EQUIPMENT' ? event.location.locode : undefined;
}

@Resolver('StreamedEvent')
export class TrackingEventsResolver {
  constructor(private readonly stream: TrackingEventStream) {}

  @Subscription('trackingEvents', {
    resolve: ({ cursor, event, journey }: StreamedEvent): Served<ServedEvent> => ({
      cursor,
      containerNo: event.containerNo,
      journeyId: journey.journeyId,
      corridor: journey.corridor,
      event: sharedEntry(event),
    }),
  })
  trackingEvents(
    @Context() context: GatewayContext,
    @Args() { filter, after }: SubscriptionTrackingEventsArgs,
  ): Promise<AsyncIterableIterator<StreamedEvent>> {
    const containers = filter?.containerNos ? new Set(filter.containerNos) : undefined;
    return this.stream.open(
      context.principal,
      {
        containerNos: filter?.containerNos ?? undefined,
        journey: (journey) =>
          (containers === undefined || containers.has(journey.containerNo)) &&
          (!filter?.corridors || (journey.corridor !== undefined && filter.corridors.includes(journey.corridor))),
        event: (event) =>
          // A retraction passes the type and place filters: it withdraws an event the client may hold.
          (event.eventType === 'RETRACTION' ||
            ((!filter?.eventTypes || filter.eventTypes.includes(event.eventType)) &&
              (!filter?.places || filter.places.includes(placeOf(event) ?? '')))) &&
          (containers === undefined || containers.has(event.containerNo)),
      },
      after ?? undefined,
      (limit) => context.closeConnection?.(4429, `Too slow: more than ${limit} events buffered`),
    );
  }
}

import { Args, Context, Resolver, Subscription } from '@nestjs/graphql';
import { canSee, journeyScope, type Principal } from '@mmt/access';
import type { Journey, JourneyUpdate } from '@mmt/contracts';
import type { GatewayContext } from '../access/gateway-context';
import type { SubscriptionJourneyUpdatedArgs } from '../graphql/schema-types';
import { journeyView } from '../journeys/conveyance-view';
import { JourneyUpdateHub, type LiveUpdate } from './journey-update-hub';
import { oncePerItem } from './once-per-item';

/** Every subscriber of an update gets the same view of its journey. */
const sharedJourneyView = oncePerItem(journeyView<Journey>);

/**
 * The ids in `causedBy` that the caller may receive. The projector lists every event of the container's batch,
 * also those of the container's other journeys; a SHIPPER or PARTNER gets only the events of this journey: those
 * it holds and those the update adds (a retraction the projector streams with the journey it changed included).
 */
export function visibleCauses(principal: Principal, update: JourneyUpdate): readonly string[] {
  if ('every' in journeyScope(principal)) {
    return update.causedBy;
  }
  const own = new Set([
    ...update.journey.eventIds,
    ...(update.events ?? []).map((event) => event.eventId),
    ...(update.omittedEventIds ?? []),
  ]);
  return update.causedBy.filter((eventId) => own.has(eventId));
}

@Resolver('JourneyUpdate')
export class JourneyUpdatesResolver {
  constructor(private readonly hub: JourneyUpdateHub) {}

  @Subscription('journeyUpdated', {
    resolve: ({ update }: LiveUpdate, _args: unknown, context: GatewayContext) => ({
      journey: sharedJourneyView(update.journey),
      causedBy: visibleCauses(context.principal, update),
      publishedAt: update.publishedAt,
    }),
  })
  journeyUpdated(
    @Context() context: GatewayContext,
    @Args() { containerNos, documents, corridors }: SubscriptionJourneyUpdatedArgs,
  ): AsyncIterableIterator<LiveUpdate> {
    const containers = containerNos ? new Set(containerNos) : undefined;
    return this.hub.subscribe(
      ({ update: { journey } }) =>
        canSee(context.principal, journey) &&
        (containers === undefined || containers.has(journey.containerNo)) &&
        (!documents || documents.some((d) => journey.documents.some((j) => j.type === d.type && j.ref === d.ref))) &&
        (!corridors || (journey.corridor !== undefined && corridors.includes(journey.corridor))),
      (limit) => context.closeConnection?.(4429, `Too slow: more than ${limit} updates buffered`),
      containerNos ?? undefined,
    );
  }
}

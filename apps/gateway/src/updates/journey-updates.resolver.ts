import { Args, Context, Resolver, Subscription } from '@nestjs/graphql';
import { canSee } from '@mmt/access';
import type { Corridor, DocumentRef, JourneyUpdate } from '@mmt/contracts';
import type { GatewayContext } from '../access/gateway-context';
import { journeyView } from '../journeys/conveyance-view';
import { JourneyUpdateHub } from './journey-update-hub';

@Resolver('JourneyUpdate')
export class JourneyUpdatesResolver {
  constructor(private readonly hub: JourneyUpdateHub) {}

  @Subscription('journeyUpdated', {
    resolve: (update: JourneyUpdate) => ({ ...update, journey: journeyView(update.journey) }),
  })
  journeyUpdated(
    @Context() context: GatewayContext,
    @Args('containerNos') containerNos?: string[] | null,
    @Args('documents') documents?: DocumentRef[] | null,
    @Args('corridors') corridors?: Corridor[] | null,
  ): AsyncIterableIterator<JourneyUpdate> {
    const containers = containerNos ? new Set(containerNos.map((c) => c.trim().toUpperCase())) : undefined;
    return this.hub.subscribe(
      ({ journey }) =>
        canSee(context.principal, journey) &&
        (containers === undefined || containers.has(journey.containerNo)) &&
        (!documents || documents.some((d) => journey.documents.some((j) => j.type === d.type && j.ref === d.ref))) &&
        (!corridors || (journey.corridor !== undefined && corridors.includes(journey.corridor))),
      (limit) => context.closeConnection?.(4429, `Too slow: more than ${limit} updates buffered`),
    );
  }
}

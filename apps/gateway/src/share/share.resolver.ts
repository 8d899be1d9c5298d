import { Args, Context, Mutation, Resolver } from '@nestjs/graphql';
import type { GatewayContext } from '../access/gateway-context';
import { badInput } from '../graphql-errors';
import type { MutationShareJourneyArgs, ShareLink } from '../graphql/schema-types';
import type { Served } from '../graphql/served';
import { JourneyQueries } from '../journeys/journey-queries';
import { MAX_SHARE_HOURS, ShareLinks } from './share-links';

@Resolver()
export class ShareResolver {
  constructor(
    private readonly queries: JourneyQueries,
    private readonly links: ShareLinks,
  ) {}

  /** A read-only link to a journey the caller may see; NOT_FOUND for any other, exactly as `journey` answers. */
  @Mutation('shareJourney')
  async shareJourney(
    @Context() context: GatewayContext,
    @Args() { containerNo, document, hours }: MutationShareJourneyArgs,
  ): Promise<Served<ShareLink>> {
    // hours has a default, but a caller may still write null.
    if (typeof hours !== 'number' || !Number.isInteger(hours) || hours < 1 || hours > MAX_SHARE_HOURS) {
      throw badInput(`hours: must be a whole number from 1 to ${MAX_SHARE_HOURS}, got ${String(hours)}`);
    }
    const journey = await this.queries.journey(context.principal, containerNo, document ?? undefined);
    return this.links.create(context.principal, journey.journeyId, hours);
  }
}

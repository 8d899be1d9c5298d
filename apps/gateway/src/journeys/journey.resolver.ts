import { Args, Context, Query, Resolver } from '@nestjs/graphql';
import type { DocumentRef } from '@mmt/contracts';
import type { GatewayContext } from '../access/gateway-context';
import { journeyView } from './conveyance-view';
import { JourneyQueries, type JourneyFilter } from './journey-queries';

@Resolver('Journey')
export class JourneyResolver {
  constructor(private readonly queries: JourneyQueries) {}

  @Query('journey')
  async journey(
    @Context() context: GatewayContext,
    @Args('containerNo') containerNo: string,
    @Args('document') document?: DocumentRef,
  ) {
    return journeyView(await this.queries.journey(context.principal, containerNo, document ?? undefined));
  }

  @Query('journeysByDocument')
  async journeysByDocument(@Context() context: GatewayContext, @Args('document') document: DocumentRef) {
    return (await this.queries.byDocument(context.principal, document)).map(journeyView);
  }

  @Query('journeysByConveyance')
  async journeysByConveyance(@Context() context: GatewayContext, @Args('conveyanceKey') key: string) {
    return (await this.queries.byConveyance(context.principal, key)).map(journeyView);
  }

  @Query('journeys')
  async journeys(
    @Context() context: GatewayContext,
    @Args('filter') filter?: JourneyFilter,
    @Args('first') first?: number,
    @Args('after') after?: string,
  ) {
    const page = await this.queries.list(context.principal, filter ?? {}, first, after);
    return { ...page, nodes: page.nodes.map(journeyView) };
  }

  @Query('timeline')
  timeline(
    @Context() context: GatewayContext,
    @Args('containerNo') containerNo: string,
    @Args('first') first?: number,
    @Args('after') after?: string,
  ) {
    return this.queries.timeline(context.principal, containerNo, first, after);
  }
}

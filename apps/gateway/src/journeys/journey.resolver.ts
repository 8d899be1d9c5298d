import { Args, Context, Info, Query, Resolver } from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import type { GatewayContext } from '../access/gateway-context';
import type {
  QueryJourneyArgs,
  QueryJourneysArgs,
  QueryJourneysByConveyanceArgs,
  QueryJourneysByDocumentArgs,
  QueryTimelineArgs,
  TimelineConnection,
} from '../graphql/schema-types';
import type { Served } from '../graphql/served';
import { journeyView } from './conveyance-view';
import { JourneyQueries } from './journey-queries';
import { selectedJourneyFields } from './selected-fields';

@Resolver('Journey')
export class JourneyResolver {
  constructor(private readonly queries: JourneyQueries) {}

  @Query('journey')
  async journey(@Context() context: GatewayContext, @Args() { containerNo, document }: QueryJourneyArgs) {
    return journeyView(await this.queries.journey(context.principal, containerNo, document ?? undefined));
  }

  @Query('journeysByDocument')
  async journeysByDocument(
    @Context() context: GatewayContext,
    @Args() { document }: QueryJourneysByDocumentArgs,
    @Info() info: GraphQLResolveInfo,
  ) {
    return (await this.queries.byDocument(context.principal, document, selectedJourneyFields(info))).map(journeyView);
  }

  @Query('journeysByConveyance')
  async journeysByConveyance(
    @Context() context: GatewayContext,
    @Args() { conveyanceKey }: QueryJourneysByConveyanceArgs,
    @Info() info: GraphQLResolveInfo,
  ) {
    const fields = selectedJourneyFields(info);
    return (await this.queries.byConveyance(context.principal, conveyanceKey, fields)).map(journeyView);
  }

  @Query('journeys')
  async journeys(
    @Context() context: GatewayContext,
    @Args() { filter, first, after }: QueryJourneysArgs,
    @Info() info: GraphQLResolveInfo,
  ) {
    const fields = selectedJourneyFields(info, 'nodes');
    const page = await this.queries.list(context.principal, filter ?? {}, first, after, fields);
    return { ...page, nodes: page.nodes.map(journeyView) };
  }

  @Query('timeline')
  timeline(
    @Context() context: GatewayContext,
    @Args() { containerNo, first, after }: QueryTimelineArgs,
  ): Promise<Served<TimelineConnection>> {
    return this.queries.timeline(context.principal, containerNo, first, after);
  }
}

import { Args, Query, Resolver } from '@nestjs/graphql';
import { StatisticsQueries, StatisticsQueryError, StatisticsRepository } from '@mmt/analytics';
import { ContainersNowCounter } from './containers-now';
import { Roles } from '../access/roles';
import { badInput } from '../graphql-errors';
import type {
  BrokerTimelinessReport,
  ClearanceReport,
  ContainersNow,
  HubStats,
  QueryBrokerTimelinessArgs,
  QueryClearanceReportArgs,
  QueryCorridorDaysArgs,
  QueryCorridorStatsArgs,
  QueryHubStatsArgs,
} from '../graphql/schema-types';
import type { Served } from '../graphql/served';

/** The port office's statistics: readable by PORT_OFFICE keys only, since they cover every organisation's cargo. */
@Resolver()
@Roles(['PORT_OFFICE'], (role) => `Statistics are for the port office: a ${role} key cannot read them`)
export class StatisticsResolver {
  private readonly queries: StatisticsQueries;

  constructor(
    statistics: StatisticsRepository,
    private readonly containers: ContainersNowCounter,
  ) {
    this.queries = new StatisticsQueries(statistics);
  }

  @Query('containersNow')
  containersNow(): Promise<Served<ContainersNow>> {
    return this.containers.count();
  }

  @Query('corridorStats')
  // The schema's StatsCorridor is the statistics' CorridorOrUnknown (UNKNOWN is UNKNOWN_CORRIDOR). The answer is
  // not Served<CorridorStats>: libs/features/analytics types its corridor as any string, the schema as StatsCorridor.
  corridorStats(@Args() { corridor, period }: QueryCorridorStatsArgs) {
    return asked(this.queries.corridorStats(corridor, period));
  }

  @Query('corridorDays')
  corridorDays(@Args() { corridor, period }: QueryCorridorDaysArgs) {
    return asked(this.queries.corridorDays(corridor, period));
  }

  @Query('latestStatsDay')
  async latestStatsDay(): Promise<string | null> {
    return (await this.queries.latestDay()) ?? null;
  }

  @Query('hubStats')
  hubStats(@Args() { locode, period }: QueryHubStatsArgs): Promise<Served<HubStats>> {
    return asked(this.queries.hubStats(locode, period));
  }

  @Query('clearanceReport')
  clearanceReport(@Args() { port, period }: QueryClearanceReportArgs): Promise<Served<ClearanceReport>> {
    return asked(this.queries.clearanceReport(port, period));
  }

  @Query('brokerTimeliness')
  brokerTimeliness(@Args() { port, period }: QueryBrokerTimelinessArgs): Promise<Served<BrokerTimelinessReport>> {
    return asked(this.queries.brokerTimeliness(port, period));
  }
}

/** The query's answer, with a bad period turned into a precise input error. */
async function asked<T>(answer: Promise<T>): Promise<T> {
  try {
    return await answer;
  } catch (error) {
    throw error instanceof StatisticsQueryError ? badInput(error.message) : error;
  }
}

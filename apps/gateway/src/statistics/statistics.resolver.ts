import { Inject } from '@nestjs/common';
import { Args, Query, Resolver } from '@nestjs/graphql';
import type { Connection } from 'mongoose';
import {
  StatisticsQueries,
  StatisticsQueryError,
  StatisticsRepository,
  UNKNOWN_CORRIDOR,
  type CorridorOrUnknown,
} from '@mmt/analytics';
import { STORE } from '@mmt/platform';
import type { JourneyDocument } from '@mmt/store';
import { ContainersNowCounter } from './containers-now';
import { Roles } from '../access/roles';
import { badInput } from '../graphql-errors';

/** The port office's statistics: readable by PORT_OFFICE keys only, since they cover every organisation's cargo. */
@Resolver()
@Roles(['PORT_OFFICE'], (role) => `Statistics are for the port office: a ${role} key cannot read them`)
export class StatisticsResolver {
  private readonly queries: StatisticsQueries;
  private readonly containers: ContainersNowCounter;

  constructor(@Inject(STORE) store: Connection) {
    this.queries = new StatisticsQueries(new StatisticsRepository(store));
    this.containers = new ContainersNowCounter(store.collection<JourneyDocument>('journeys'));
  }

  @Query('containersNow')
  containersNow() {
    return this.containers.count();
  }

  @Query('corridorStats')
  corridorStats(@Args('corridor') corridor: string, @Args('period') period: string) {
    return asked(this.queries.corridorStats(storedCorridor(corridor), period));
  }

  @Query('corridorDays')
  corridorDays(@Args('corridor') corridor: string, @Args('month') month: string) {
    return asked(this.queries.corridorDays(storedCorridor(corridor), month));
  }

  @Query('hubStats')
  hubStats(@Args('locode') locode: string, @Args('period') period: string) {
    return asked(this.queries.hubStats(locode, period));
  }

  @Query('clearanceReport')
  clearanceReport(@Args('port') port: string, @Args('period') period: string) {
    return asked(this.queries.clearanceReport(port, period));
  }

  @Query('brokerTimeliness')
  brokerTimeliness(@Args('port') port: string, @Args('period') period: string) {
    return asked(this.queries.brokerTimeliness(port, period));
  }
}

/** The GraphQL enum's UNKNOWN is the statistics' own UNKNOWN_CORRIDOR. */
const storedCorridor = (corridor: string) =>
  (corridor === 'UNKNOWN' ? UNKNOWN_CORRIDOR : corridor) as CorridorOrUnknown;

/** The query's answer, with a bad period turned into a precise input error. */
async function asked<T>(answer: Promise<T>): Promise<T> {
  try {
    return await answer;
  } catch (error) {
    throw error instanceof StatisticsQueryError ? badInput(error.message) : error;
  }
}

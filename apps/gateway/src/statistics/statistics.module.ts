import { Module } from '@nestjs/common';
import { StatisticsRepository } from '@mmt/analytics';
import { JourneysRepository, StoreModule } from '@mmt/store';
import { ContainersNowCounter, staleAfterHoursFromEnv } from './containers-now';
import { StatisticsResolver } from './statistics.resolver';

/** The port office's statistics and the count of containers now. */
@Module({
  imports: [StoreModule.forFeature([StatisticsRepository, JourneysRepository])],
  providers: [
    {
      provide: ContainersNowCounter,
      useFactory: (journeys: JourneysRepository) => new ContainersNowCounter(journeys, staleAfterHoursFromEnv()),
      inject: [JourneysRepository],
    },
    StatisticsResolver,
  ],
})
export class StatisticsModule {}

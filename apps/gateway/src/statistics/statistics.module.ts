import { Module } from '@nestjs/common';
import { StatisticsRepository } from '@mmt/analytics';
import { JourneysRepository, StoreModule } from '@mmt/store';
import { ContainersNowCounter } from './containers-now';
import { StatisticsResolver } from './statistics.resolver';

/** The port office's statistics and the count of containers now. */
@Module({
  imports: [StoreModule.forFeature([StatisticsRepository, JourneysRepository])],
  providers: [ContainersNowCounter, StatisticsResolver],
})
export class StatisticsModule {}

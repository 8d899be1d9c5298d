import { Module } from '@nestjs/common';
import { EventLogRepository, JourneyListsRepository, JourneysRepository, StoreModule } from '@mmt/store';
import { JourneyQueries } from './journey-queries';
import { JourneyResolver } from './journey.resolver';

/** Journey lookups, lists and timelines; JourneyQueries is shared with share links. */
@Module({
  imports: [StoreModule.forFeature([JourneysRepository, JourneyListsRepository, EventLogRepository])],
  providers: [JourneyQueries, JourneyResolver],
  exports: [JourneyQueries],
})
export class JourneysModule {}

import { Module } from '@nestjs/common';
import { JourneyQueries } from './journey-queries';
import { JourneyResolver } from './journey.resolver';

/** Journey lookups, lists and timelines; JourneyQueries is shared with share links. */
@Module({
  providers: [JourneyQueries, JourneyResolver],
  exports: [JourneyQueries],
})
export class JourneysModule {}

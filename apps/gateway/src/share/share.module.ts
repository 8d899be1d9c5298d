import { Module } from '@nestjs/common';
import { JourneysRepository, StoreModule } from '@mmt/store';
import { JourneysModule } from '../journeys/journeys.module';
import { ShareLinks } from './share-links';
import { ShareResolver } from './share.resolver';

/** Read-only share links to a journey (made over GraphQL, opened at GET /share/<token>). */
@Module({
  imports: [JourneysModule, StoreModule.forFeature([JourneysRepository])],
  providers: [ShareLinks, ShareResolver],
})
export class ShareModule {}

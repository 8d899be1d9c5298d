import { Module } from '@nestjs/common';
import { JourneysModule } from '../journeys/journeys.module';
import { ShareLinks } from './share-links';
import { ShareResolver } from './share.resolver';

/** Read-only share links to a journey (made over GraphQL, opened at GET /share/<token>). */
@Module({
  imports: [JourneysModule],
  providers: [ShareLinks, ShareResolver],
})
export class ShareModule {}

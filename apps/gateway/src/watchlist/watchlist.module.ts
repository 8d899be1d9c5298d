import { Module } from '@nestjs/common';
import { StoreModule } from '@mmt/store';
import { NotificationsRepository, WatchesRepository } from '@mmt/watchlist';
import { JourneysModule } from '../journeys/journeys.module';
import { WatchlistResolver } from './watchlist.resolver';

/** The watchlist (follow, unfollow, list) and its notifications; the e-mails' unsubscribe links (unsubscribe-route). */
@Module({
  imports: [JourneysModule, StoreModule.forFeature([WatchesRepository, NotificationsRepository])],
  providers: [WatchlistResolver],
})
export class WatchlistModule {}

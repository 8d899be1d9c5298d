import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { Connection } from 'mongoose';
import { ApiKeysRepository } from '@mmt/access';
import { alertStoresOn, ensureAlertIndexes } from '@mmt/alerts';
import { StatisticsRepository } from '@mmt/analytics';
import { DeliveriesRepository, EventFeedRepository, SubscriptionsRepository } from '@mmt/dcsa';
import { STORE } from '@mmt/platform';
import { EventLogRepository, JourneysRepository } from '@mmt/store';

/**
 * Creates the indexes of every collection the gateway reads before it serves a request: journeys and
 * timelines (JourneyQueries), events by id (the tracking-event stream), API keys, statistics buckets, alerts and notices, the DCSA event feed and webhook subscriptions. Creating an index that
 * exists is a no-op, so each instance does it at start-up, whoever else did before.
 */
@Injectable()
export class StoreIndexes implements OnModuleInit {
  constructor(@Inject(STORE) private readonly store: Connection) {}

  async onModuleInit(): Promise<void> {
    await new JourneysRepository(this.store).ensureIndexes();
    await new EventLogRepository(this.store).ensureIndexes();
    await new ApiKeysRepository(this.store).ensureIndexes();
    await new StatisticsRepository(this.store).ensureIndexes();
    await ensureAlertIndexes(alertStoresOn(this.store));
    await new EventFeedRepository(this.store).ensureIndexes();
    await new SubscriptionsRepository(this.store).ensureIndexes();
    await new DeliveriesRepository(this.store).ensureIndexes();
  }
}

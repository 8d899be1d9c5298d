import type { Connection } from 'mongoose';
import { CollectionRepository, findIn, putAndRemove } from '@mmt/store';
import type { UndeclaredLoad } from './journey-alerts';

/**
 * `alert_undeclared_loads`: loads onto a conveyance whose manifest the journey does not hold, kept until the
 * conveyance's manifest can be compared; read by container, dropped when the journey is gone.
 */
export class UndeclaredLoadsRepository extends CollectionRepository<UndeclaredLoad> {
  constructor(connection: Connection) {
    super(connection, 'alert_undeclared_loads', [{ conveyanceKey: 1 }, { 'journey.containerNo': 1 }]);
  }

  ofContainers(containerNos: readonly string[]): Promise<UndeclaredLoad[]> {
    return findIn(this.collection, 'journey.containerNo', containerNos);
  }

  onConveyances(conveyanceKeys: readonly string[]): Promise<UndeclaredLoad[]> {
    return findIn(this.collection, 'conveyanceKey', conveyanceKeys);
  }

  replace(put: readonly UndeclaredLoad[], removedIds: readonly string[]): Promise<void> {
    return putAndRemove(this.collection, put, removedIds);
  }

  async deleteAll(): Promise<void> {
    await this.collection.deleteMany({});
  }
}

import type { Collection, Connection } from 'mongoose';
import { findIn, putAndRemove, type IndexOwner } from '@mmt/store';
import type { UndeclaredLoad } from './journey-alerts';

/**
 * `alert_undeclared_loads`: loads onto a conveyance whose manifest the journey does not hold, kept until the
 * conveyance's manifest can be compared; read by container, dropped when the journey is gone.
 */
export class UndeclaredLoadsRepository implements IndexOwner {
  private readonly loads: Collection<UndeclaredLoad>;

  constructor(connection: Connection) {
    this.loads = connection.collection<UndeclaredLoad>('alert_undeclared_loads');
  }

  async ensureIndexes(): Promise<void> {
    await this.loads.createIndex({ conveyanceKey: 1 });
    await this.loads.createIndex({ 'journey.containerNo': 1 });
  }

  ofContainers(containerNos: readonly string[]): Promise<UndeclaredLoad[]> {
    return findIn(this.loads, 'journey.containerNo', containerNos);
  }

  onConveyances(conveyanceKeys: readonly string[]): Promise<UndeclaredLoad[]> {
    return findIn(this.loads, 'conveyanceKey', conveyanceKeys);
  }

  replace(put: readonly UndeclaredLoad[], removedIds: readonly string[]): Promise<void> {
    return putAndRemove(this.loads, put, removedIds);
  }

  async deleteAll(): Promise<void> {
    await this.loads.deleteMany({});
  }
}

import type { Connection } from 'mongoose';
import type { IndexOwner } from '@mmt/store';
import { AlertsRepository } from './alerts.repository';
import { ColdChainWaitsRepository } from './cold-chain-waits.repository';
import { NoticesRepository } from './notices.repository';
import { TimeLimitTablesRepository } from './time-limit-tables.repository';
import { UndeclaredLoadsRepository } from './undeclared-loads.repository';

/** The collections the alerts service keeps, one repository each. */
export interface AlertStores {
  readonly alerts: AlertsRepository;
  readonly notices: NoticesRepository;
  readonly undeclaredLoads: UndeclaredLoadsRepository;
  readonly coldChainWaits: ColdChainWaitsRepository;
  readonly timeLimits: TimeLimitTablesRepository;
}

/** The alerts service's repositories, for StoreModule.forFeature. */
export const ALERT_REPOSITORIES = [
  AlertsRepository,
  NoticesRepository,
  UndeclaredLoadsRepository,
  ColdChainWaitsRepository,
  TimeLimitTablesRepository,
] as const;

/** The NestJS token of the AlertStores (alertStoresProvider). */
export const ALERT_STORES = Symbol('ALERT_STORES');

/** Provides ALERT_STORES from the repositories of StoreModule.forFeature(ALERT_REPOSITORIES). */
export const alertStoresProvider = {
  provide: ALERT_STORES,
  useFactory: (
    alerts: AlertsRepository,
    notices: NoticesRepository,
    undeclaredLoads: UndeclaredLoadsRepository,
    coldChainWaits: ColdChainWaitsRepository,
    timeLimits: TimeLimitTablesRepository,
  ): AlertStores => ({ alerts, notices, undeclaredLoads, coldChainWaits, timeLimits }),
  inject: [...ALERT_REPOSITORIES],
};

/** The alert stores on one connection, outside NestJS (tests, tools). */
export function alertStoresOn(connection: Connection): AlertStores {
  return {
    alerts: new AlertsRepository(connection),
    notices: new NoticesRepository(connection),
    undeclaredLoads: new UndeclaredLoadsRepository(connection),
    coldChainWaits: new ColdChainWaitsRepository(connection),
    timeLimits: new TimeLimitTablesRepository(connection),
  };
}

/** Every alert store, each the owner of its collection's indexes. */
export function eachAlertStore(stores: AlertStores): (IndexOwner & { deleteAll(): Promise<void> })[] {
  return [stores.alerts, stores.notices, stores.undeclaredLoads, stores.coldChainWaits, stores.timeLimits];
}

/** Creates the indexes of every alert store. */
export async function ensureAlertIndexes(stores: AlertStores): Promise<void> {
  for (const store of eachAlertStore(stores)) {
    await store.ensureIndexes();
  }
}

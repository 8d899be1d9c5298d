export * from './bulk-write';
export * from './connect';
export * from './conveyances.repository';
export * from './event-log.repository';
export * from './journeys.repository';

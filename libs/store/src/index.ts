export * from './bulk-write';
export * from './connect';
export * from './container-owners.repository';
export * from './conveyances.repository';
export * from './event-log.repository';
export * from './index-owner';
export * from './journey-document';
export * from './journeys.repository';

export * from './bounded-send';
export * from './dead-letter';
export * from './batch-consumer';
export * from './kafka-client';
export * from './topic-names';
export * from './topics';
export * from './latest-of-batch';
export * from './typed-send';

export * from './bounded-send';
export * from './dead-letter';
export * from './batch-consumer';
export * from './kafka-client';
export * from './topic-names';
export * from './topics';
export * from './parse-journey-update';
export * from './journey-update-consumer';

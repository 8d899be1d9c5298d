export * from './tracking-event';
export * from './raw-messages';
export * from './journey';
export * from './dead-letter';
export * from './topics';
export * from './container-number';
export * from './places';
export * from './alerts';

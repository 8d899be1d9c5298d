export * from './api-key';
export * from './api-key-check';
export * from './api-key-lifetime';
export * from './api-keys.repository';
export * from './headers';
export * from './principal';
export * from './scope';
export * from './validate';

export * from './infra-config';
export * from './failpoints';
export * from './server-keys';

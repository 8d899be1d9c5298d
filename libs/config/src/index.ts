export * from './infra-config';
export * from './failpoints';

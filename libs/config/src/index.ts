export * from './infra-config';

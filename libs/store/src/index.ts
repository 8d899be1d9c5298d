export * from './bulk-write';

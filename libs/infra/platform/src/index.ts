export * from './consumer-service';
export * from './fatal';
export * from './logger';
export * from './platform-config';
export * from './platform.module';
export * from './positive-setting';
export * from './service-main';
export * from './shutdown-deadline';

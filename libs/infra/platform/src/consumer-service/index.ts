export * from './consumer-runtime';
export * from './consumer-service-module';
export * from './consumer-service-spec';
export * from './journey-update-projection';

export * from './edi-interchanges.repository';
export * from './receive-interchange';
export * from './interchange-sends';

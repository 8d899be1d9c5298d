export * from './edi-interchanges.repository';
export * from './receive-interchange';

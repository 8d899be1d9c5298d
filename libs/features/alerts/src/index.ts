/**
 * The port office's published time limits, the alerts raised on journeys (limit breaches, missed connections,
 * manifest / loading mismatches) and the inspection notices pushed to a journey's parties.
 */
export * from './alert-documents';
export * from './alert-stores';
export * from './alerts.repository';
export * from './cold-chain-waits.repository';
export * from './notices.repository';
export * from './time-limit-tables.repository';
export * from './undeclared-loads.repository';
export * from './apply-journey-alerts';
export * from './journey-alerts';
export * from './journey-notices';
export * from './time-limits';
export * from './cold-chain-waits';
export * from './raise-due-waits';
export * from './pending-sends';

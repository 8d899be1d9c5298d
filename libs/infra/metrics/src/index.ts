/** Prometheus metrics and consumer states of one process (no I/O but prom-client's). */
export * from './registry';
export * from './consumer-states';
export * from './outbound-states';

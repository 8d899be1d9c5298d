/**
 * The port office's statistics: what each journey contributes (facts), kept in small per-bucket documents by
 * day, week and month × corridor × hub × direction, with exact counts and sums and mergeable duration sketches.
 */
export * from './apply-journey-updates';
export * from './bucket-deltas';
export * from './journey-facts';
export * from './periods';
export * from './sketch';
export * from './statistics.repository';
export * from './statistics-queries';
export * from './clearance-targets';
export * from './statistics-totals';

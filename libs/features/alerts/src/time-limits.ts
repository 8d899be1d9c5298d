import { ANY_PORT, LOCODE_SHAPE, TIME_LIMIT_OPERATIONS, type TimeLimit, type TimeLimitOperation } from '@mmt/contracts';

const HOUR = 60;

/**
 * The first published table, version 1, until the port office publishes its own: limits any port keeps unless
 * it has its own, and the rail-to-vessel connection at Qinzhou. Cold-chain and fresh cargo get about half.
 */
export const DEFAULT_TIME_LIMITS: readonly TimeLimit[] = [
  { port: ANY_PORT, operation: 'IN_YARD_TRANSFER', minutes: 12 * HOUR, coldChainMinutes: 6 * HOUR },
  { port: ANY_PORT, operation: 'BOX_SHIFTING', minutes: 24 * HOUR, coldChainMinutes: 12 * HOUR },
  { port: ANY_PORT, operation: 'DEVANNING', minutes: 48 * HOUR, coldChainMinutes: 24 * HOUR },
  { port: ANY_PORT, operation: 'CONSIGNEE_PICKUP', minutes: 48 * HOUR, coldChainMinutes: 24 * HOUR },
  { port: ANY_PORT, operation: 'RELEASE_AFTER_INSPECTION', minutes: 6 * HOUR, coldChainMinutes: 3 * HOUR },
  { port: 'CNQZH', operation: 'RAIL_TO_VESSEL', minutes: 96 * HOUR, coldChainMinutes: 72 * HOUR },
];

/** The limit in force for an operation at a port: the port's own, else the one for any port. */
export function limitFor(
  limits: readonly TimeLimit[],
  operation: TimeLimitOperation,
  locode: string,
): TimeLimit | undefined {
  return (
    limits.find((l) => l.operation === operation && l.port === locode) ??
    limits.find((l) => l.operation === operation && l.port === ANY_PORT)
  );
}

/** Why a table cannot be published, one line per problem; empty when it can. */
export function timeLimitProblems(limits: readonly TimeLimit[]): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  limits.forEach((limit, i) => {
    const at = `limits[${i}]`;
    if (limit.port !== ANY_PORT && !LOCODE_SHAPE.test(limit.port)) {
      problems.push(`${at}.port: ${JSON.stringify(limit.port)} is neither a UN/LOCODE nor "${ANY_PORT}"`);
    }
    if (!(TIME_LIMIT_OPERATIONS as readonly string[]).includes(limit.operation)) {
      problems.push(
        `${at}.operation: ${JSON.stringify(limit.operation)} is not one of ${TIME_LIMIT_OPERATIONS.join(', ')}`,
      );
    }
    for (const field of ['minutes', 'coldChainMinutes'] as const) {
      if (!Number.isInteger(limit[field]) || limit[field] <= 0 || limit[field] > 90 * 24 * HOUR) {
        problems.push(
          `${at}.${field}: must be a whole number of minutes from 1 to 129600 (90 days), not ${limit[field]}`,
        );
      }
    }
    if (limit.coldChainMinutes > limit.minutes) {
      problems.push(`${at}.coldChainMinutes: the cold-chain limit may not be longer than the limit (${limit.minutes})`);
    }
    const key = `${limit.port}|${limit.operation}`;
    if (seen.has(key)) {
      problems.push(`${at}: a second limit for ${limit.operation} at ${limit.port}`);
    }
    seen.add(key);
  });
  return problems;
}

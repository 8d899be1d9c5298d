/**
 * A service setting from the environment that must be a positive number (milliseconds, a count of events): the
 * fallback when it is unset or empty, else its value; a value that is not one stops the service at start-up,
 * naming the setting, instead of running with a timer of NaN or 0.
 */
export function positiveSetting(
  env: NodeJS.ProcessEnv,
  name: string,
  fallback: number,
  kind: 'whole' | 'any' = 'any',
): number {
  const raw = env[name];
  if (raw === undefined || raw === '') {
    return fallback;
  }
  const value = Number(raw);
  const valid = kind === 'whole' ? Number.isInteger(value) : Number.isFinite(value);
  if (!valid || value <= 0) {
    throw new Error(`${name} must be a positive ${kind === 'whole' ? 'whole ' : ''}number, not ${JSON.stringify(raw)}`);
  }
  return value;
}

/** What a reader's check says of one message: the value it reads, or why it cannot take it. */
export type Checked<T> = { ok: true; value: T } | { ok: false; error: string };

/** A message's bytes as a JSON object, or why they are not one. Every topic parser starts here. */
export function jsonObject(bytes: Buffer | null): Checked<Record<string, unknown>> {
  let value: unknown;
  try {
    value = JSON.parse((bytes ?? Buffer.alloc(0)).toString('utf8'));
  } catch (error) {
    return { ok: false, error: `not JSON: ${(error as Error).message}` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, error: 'not a JSON object' };
  }
  return { ok: true, value: value as Record<string, unknown> };
}

export const isStringArray = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((item) => typeof item === 'string');

/**
 * ISO 6346 container numbers: owner code (3 letters), category (U, J or Z), serial (6 digits), check digit.
 */
const LETTER_VALUES: Record<string, number> = (() => {
  const values: Record<string, number> = {};
  let value = 10;
  for (const letter of 'ABCDEFGHIJKLMNOPQRSTUVWXYZ') {
    if (value % 11 === 0) {
      value += 1; // 11, 22 and 33 are skipped
    }
    values[letter] = value;
    value += 1;
  }
  return values;
})();

export const CONTAINER_NO_SHAPE = /^[A-Z]{3}[UJZ]\d{6}\d$/;

/** The check digit of the first 10 characters (owner, category, serial). */
export function containerCheckDigit(first10: string): number {
  let sum = 0;
  for (let i = 0; i < 10; i += 1) {
    const ch = first10[i];
    const value = /\d/.test(ch) ? Number(ch) : LETTER_VALUES[ch];
    sum += value * 2 ** i;
  }
  return (sum % 11) % 10;
}

/** Why `value` is not a valid ISO 6346 container number, or undefined when it is. */
export function containerNoProblem(value: string): string | undefined {
  if (!CONTAINER_NO_SHAPE.test(value)) {
    return `"${value}" is not an ISO 6346 container number (3-letter owner, U/J/Z, 6-digit serial, check digit, e.g. CSQU3054383)`;
  }
  const expected = containerCheckDigit(value.slice(0, 10));
  const given = Number(value[10]);
  return expected === given ? undefined : `${value}: ISO 6346 check digit is ${expected}, not ${given}`;
}

/** Builds a valid container number from owner+category (4 letters) and a serial number. */
export function makeContainerNo(ownerAndCategory: string, serial: number): string {
  const first10 = `${ownerAndCategory}${String(serial).padStart(6, '0')}`;
  return `${first10}${containerCheckDigit(first10)}`;
}

import type { Segment } from './segments';

/**
 * A business error as APERAK reports it: what is wrong, in which segment of the message (UNH is 1) and which data
 * element. `code` is the platform's application error code (ERC, agency ZZZ).
 */
export interface BusinessProblem {
  readonly code: BusinessErrorCode;
  readonly text: string;
  readonly tag: string;
  readonly segmentInMessage: number;
  readonly element?: number;
}

/**
 * The application error codes APERAK carries (ERC C901 9321, agency ZZZ: mutually agreed). 9321 is an..8, so each
 * code has at most 8 characters.
 */
export const BUSINESS_ERRORS = {
  CHKDIGIT: 'container number with a wrong ISO 6346 check digit, or not a container number',
  UNKNLOC: 'UN/LOCODE or facility not on the platform’s corridors',
  NOZONE: 'time without its zone (date/time format 303, 304 or 205 is required)',
  MISSING: 'required data missing',
  INVALID: 'value not accepted',
} as const;
export type BusinessErrorCode = keyof typeof BUSINESS_ERRORS;

/** Collects the business errors of one message, each placed by segment. */
export class Findings {
  readonly problems: BusinessProblem[] = [];

  constructor(private readonly unhPosition: number) {}

  add(segment: Segment, code: BusinessErrorCode, text: string, element?: number): void {
    this.problems.push({
      code,
      text: `${segment.tag} (segment ${this.inMessage(segment)}): ${text}`,
      tag: segment.tag,
      segmentInMessage: this.inMessage(segment),
      ...(element === undefined ? {} : { element }),
    });
  }

  /** A required segment is absent: placed at the message's last segment. */
  missing(last: Segment, what: string): void {
    this.add(last, 'MISSING', `no ${what} in the message`);
  }

  private inMessage(segment: Segment): number {
    return segment.position - this.unhPosition + 1;
  }
}

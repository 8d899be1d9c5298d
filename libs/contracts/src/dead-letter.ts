/** What the normalizer puts on the dead-letter topic for a raw message it could not accept. */
export interface DeadLetter {
  /** One line a person can act on, e.g. "containers[3].containerNo: MSKU1234560 check digit is 5, not 0". */
  readonly reason: string;
  /** Every problem found, not only the first. */
  readonly errors: readonly string[];
  readonly sourceTopic: string;
  readonly sourcePartition: number;
  readonly sourceOffset: string;
  readonly sourceKey: string | null;
  /** The original bytes, base64, so nothing a sender sent is lost. */
  readonly originalBase64: string;
  readonly deadLetteredAt: string;
  readonly service: string;
}

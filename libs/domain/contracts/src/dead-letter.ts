/**
 * What a service puts on the dead-letter topic for a message it could not accept. Wire format: frozen; add
 * optional fields only.
 */
export interface DeadLetter {
  /** One line a person can act on, e.g. "containers[3].containerNo: MSKU1234560 check digit is 5, not 0". */
  readonly reason: string;
  /** The problems found, not only the first (at most 100; the last line then says how many more there were). */
  readonly errors: readonly string[];
  readonly sourceTopic: string;
  readonly sourcePartition: number;
  readonly sourceOffset: string;
  /** The original key (its first 1,024 characters). */
  readonly sourceKey: string | null;
  /**
   * The original bytes, base64, so nothing a sender sent is lost. An original over 256 KiB would not fit the
   * broker's message limit once encoded: then this holds its first 4 KiB and `originalTruncated` is true, and
   * the whole message stays readable at `sourceTopic`/`sourcePartition`/`sourceOffset` for the topic's retention.
   */
  readonly originalBase64: string;
  /** Size of the whole original value in bytes. */
  readonly originalBytes?: number;
  /** SHA-256 of the whole original value, hex: tells a resend of the same bytes from a new message. */
  readonly originalSha256?: string;
  readonly originalTruncated?: boolean;
  readonly deadLetteredAt: string;
  readonly service: string;
}

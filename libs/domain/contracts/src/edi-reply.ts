/**
 * The platform's answer to one UN/EDIFACT interchange, on `edi.replies.v1` (keyed by the interchange's sender) and
 * in the response to `POST /edi/interchanges`. Wire format: frozen; add optional fields only.
 */
export interface EdiReply {
  /** The answered interchange's sender (UNB 0004), recipient and control reference (0020), as far as it was read. */
  readonly sender: string;
  readonly recipient: string;
  readonly interchangeRef: string;
  /** CONTRL's verdict: false when the interchange was rejected whole and nothing of it was applied. */
  readonly accepted: boolean;
  /** The CONTRL interchange (syntax and service report), as EDIFACT text. */
  readonly contrl: string;
  /** The APERAK interchange (application errors), as EDIFACT text, when a message had business errors. */
  readonly aperak?: string;
  /** How many raw messages the accepted messages were mapped to. */
  readonly rawMessages: number;
  /** Every error found, one line each (empty when all was accepted). */
  readonly reasons: readonly string[];
  /** True when this interchange had been received before: nothing was applied again, and this is the first answer. */
  readonly duplicate: boolean;
}

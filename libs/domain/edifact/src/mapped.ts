import { TOPICS, type SourceSystem, type TopicPayloads } from '@mmt/contracts';
import { MESSAGE_FUNCTION_CODES, TIME_QUALIFIERS } from './codes';
import type { EdiMessage } from './envelope';
import type { Findings } from './findings';
import { component, type Segment } from './segments';
import { qualified, timeOf } from './values';

/** The raw topics EDIFACT messages are mapped to. */
export const MAPPED_TOPICS = [TOPICS.rawLoading, TOPICS.rawInTransit, TOPICS.rawManifest] as const;
export type MappedTopic = (typeof MAPPED_TOPICS)[number];

/** A raw message mapped from EDIFACT, with the topic and key it goes to, as a JSON source system would send it. */
export interface MappedTo<T extends MappedTopic> {
  readonly topic: T;
  readonly key: string;
  readonly message: TopicPayloads[T];
}
export type Mapped = { [T in MappedTopic]: MappedTo<T> }[MappedTopic];

/** What a mapping knows of the message beyond its segments. */
export interface MessageContext {
  readonly sender: string;
  readonly source: SourceSystem;
  readonly interchangeRef: string;
  readonly message: EdiMessage;
}

/** Maps one message's segments onto raw messages, recording every business error found in `findings`. */
export type MessageMapper = (context: MessageContext, findings: Findings) => Mapped[];

/** The fields every raw message mapped from one EDIFACT message shares. */
export interface MappedEnvelope {
  messageId: string;
  source: SourceSystem;
  sentAt: string;
  retractsMessageId?: string;
}

/** What every message has in its head: BGM (document code, number, function) and DTM+137 (when it was sent). */
export interface MessageHead {
  readonly documentCode: string;
  readonly documentNo: string;
  /** BGM 1225 message function, as sent (9 original, 5 replace, 1 cancellation; empty when absent). */
  readonly messageFunction: string;
  /** BGM 1225 = 1: the message cancels the document of the same number. */
  readonly cancellation: boolean;
  readonly bgm?: Segment;
  /** The envelope each raw message shares, but for the id's suffix. */
  readonly envelope?: (suffix: string) => MappedEnvelope;
}

/** The id of the raw message that retracts the raw message with this id (an EDIFACT cancellation's). */
export const cancellationIdOf = (messageId: string): string => `${messageId}:cancellation`;

/**
 * Reads BGM and DTM+137 (document date/time, format 303, 304 or 205). A raw message's id is the document number
 * (BGM 1004), with what tells it from its siblings when the document has several status groups: so a replacement of
 * the document (BGM function 5, same number, later DTM+137) is a correction of it, as a JSON resend with the same
 * messageId and a later sentAt is. A cancellation (BGM function 1, same number) retracts it: each raw message gets
 * the id of the one it withdraws plus ":cancellation", and retractsMessageId that id. Event ids are per source and
 * container, so documents of other senders and the containers of one document never share one.
 */
export function headOf(context: MessageContext, findings: Findings): MessageHead {
  const { segments } = context.message;
  const bgm = segments.find((s) => s.tag === 'BGM');
  const dtm = qualified(segments, 'DTM', TIME_QUALIFIERS.document);
  const last = segments[segments.length - 1];
  if (bgm === undefined) {
    findings.missing(last, 'BGM (beginning of message)');
  } else if (component(bgm, 2, 1) === '') {
    findings.add(bgm, 'MISSING', 'no document number (1004)', 2);
  }
  if (dtm === undefined) {
    findings.missing(last, 'DTM+137 (when the message was sent)');
  }
  const sentAt = dtm === undefined ? undefined : timeOf(dtm, findings);
  const base = bgm === undefined ? '' : component(bgm, 2, 1);
  const messageFunction = bgm === undefined ? '' : component(bgm, 3, 1);
  const cancellation = messageFunction === MESSAGE_FUNCTION_CODES.cancellation;
  const idOf = (suffix: string) => (suffix === '' ? base : `${base}:${suffix}`);
  return {
    documentCode: bgm === undefined ? '' : component(bgm, 1, 1),
    documentNo: base,
    messageFunction,
    cancellation,
    bgm,
    envelope:
      sentAt === undefined
        ? undefined
        : (suffix) =>
            cancellation
              ? {
                  messageId: cancellationIdOf(idOf(suffix)),
                  source: context.source,
                  sentAt,
                  retractsMessageId: idOf(suffix),
                }
              : { messageId: idOf(suffix), source: context.source, sentAt },
  };
}

export const RAW_TOPIC_OF = {
  LOADING: TOPICS.rawLoading,
  IN_TRANSIT: TOPICS.rawInTransit,
  MANIFEST: TOPICS.rawManifest,
} as const;

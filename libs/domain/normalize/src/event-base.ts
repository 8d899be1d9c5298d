/** Envelope fields every canonical event has, and retractions, shared by the per-kind mappings. */
import type { Classifier, DocumentRef, RawMessage, RetractionEvent, TransportEvent } from '@mmt/contracts';
import { eventId, eventPartsOf, retractionEventId, type EventPart } from './event-id';

/** Where the raw message was read and when: the only inputs besides the message itself. */
export interface NormalizeContext {
  /** `topic/partition/offset`, or the source's own document id. */
  readonly rawRef: string;
  readonly receivedAt: string;
}

export type EventBaseFields = Pick<
  TransportEvent,
  | 'eventId'
  | 'classifier'
  | 'eventDateTime'
  | 'eventCreatedDateTime'
  | 'receivedAt'
  | 'source'
  | 'containerNo'
  | 'documents'
>;

export interface EventSubject {
  readonly containerNo: string;
  readonly documents: readonly DocumentRef[];
}

export function eventBase(
  message: RawMessage,
  subject: EventSubject,
  part: EventPart,
  at: { classifier: Classifier; eventDateTime: string },
  ctx: NormalizeContext,
): EventBaseFields {
  return {
    eventId: eventId(message.source, message.messageId, subject.containerNo, part),
    classifier: at.classifier,
    eventDateTime: at.eventDateTime,
    eventCreatedDateTime: message.sentAt,
    receivedAt: ctx.receivedAt,
    source: { system: message.source, rawKind: message.kind, rawRef: ctx.rawRef },
    containerNo: subject.containerNo,
    documents: subject.documents,
  };
}

/**
 * For a message with retractsMessageId: one retraction per event the retracted message could have produced
 * for this container (every part of its kind). Retracting a part it never produced is harmless.
 */
export function retractionsFor(
  message: RawMessage & { readonly retractsMessageId: string },
  subject: EventSubject,
  ctx: NormalizeContext,
): RetractionEvent[] {
  const classifier = 'classifier' in message && message.classifier !== undefined ? message.classifier : 'ACT';
  return eventPartsOf(message.kind).map((part) => ({
    ...eventBase(message, subject, 'main', { classifier, eventDateTime: message.eventTime }, ctx),
    eventId: retractionEventId(message.source, message.messageId, subject.containerNo, part),
    eventType: 'RETRACTION',
    retractsEventId: eventId(message.source, message.retractsMessageId, subject.containerNo, part),
  }));
}

export function isRetraction<M extends RawMessage>(message: M): message is M & { readonly retractsMessageId: string } {
  return message.retractsMessageId !== undefined;
}

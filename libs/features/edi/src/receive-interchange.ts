import { createHash } from 'node:crypto';
import type { EdiReply, SourceSystem } from '@mmt/contracts';
import {
  contrlOf,
  EDI_SENDERS,
  readInterchange,
  type InterchangeHeader,
  type InterchangeOutcome,
  type Mapped,
  type SyntaxErrorCode,
} from '@mmt/edifact';
import type { EdiInterchangeRecord, EdiInterchangesRepository } from './edi-interchanges.repository';

/** What to do with one interchange received: the raw messages to send on, the answer, and what to dead-letter. */
export interface ReceivedInterchange {
  readonly mapped: readonly Mapped[];
  readonly reply: EdiReply;
  /** The reasons to dead-letter the interchange whole with: empty when nothing of it was refused. */
  readonly deadLetterReasons: readonly string[];
}

/** One interchange as received: its bytes and where it was read (`topic/partition/offset`, or an HTTP request). */
export interface IncomingInterchange {
  readonly bytes: Buffer;
  readonly receivedFrom: string;
}

/**
 * Reads interchanges and deduplicates them by sender, recipient and control reference, with one store write for
 * all of them. The first time, an interchange's accepted messages are mapped and it is recorded with its answer; a
 * resend (same bytes) gets that answer again, marked duplicate, and nothing else; other bytes under a used
 * reference are rejected (CONTRL error 26); the same message read again from the same place (a batch redone after a
 * crash) is handled as the first time. Interchanges rejected whole are not recorded: their sender may correct one
 * and send it again under the same reference. With `source` (an HTTP caller's key), an interchange whose sender
 * speaks for another source is rejected (23). The answers come in the order of `incoming`.
 */
export async function receiveInterchanges(
  incoming: readonly IncomingInterchange[],
  interchanges: EdiInterchangesRepository,
  source?: SourceSystem,
): Promise<ReceivedInterchange[]> {
  const read = incoming.map(({ bytes, receivedFrom }) => {
    const outcome = readInterchange(bytes);
    const { header } = outcome;
    if (header !== undefined && source !== undefined && EDI_SENDERS[header.sender] !== source) {
      const text = `sender "${header.sender}" does not send for ${source}, the source of this key`;
      return { done: rejectedAs(header, '23', text) };
    }
    if (!outcome.accepted || header === undefined) {
      return { done: { mapped: [], reply: replyOf(outcome), deadLetterReasons: outcome.reasons } };
    }
    const record: EdiInterchangeRecord = {
      _id: `${header.sender}|${header.recipient}|${header.ref}`,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      receivedFrom,
      receivedAt: new Date().toISOString(),
      reply: replyOf(outcome),
    };
    return { outcome, header, record };
  });
  const firsts = await interchanges.recordFirsts(read.flatMap((r) => (r.record === undefined ? [] : [r.record])));
  return read.map((r): ReceivedInterchange => {
    if (r.done !== undefined) {
      return r.done;
    }
    const { outcome, header, record } = r;
    const first = firsts.get(record._id) ?? record;
    if (first.receivedFrom === record.receivedFrom) {
      return { mapped: outcome.mapped, reply: record.reply, deadLetterReasons: outcome.reasons };
    }
    if (first.sha256 === record.sha256) {
      return { mapped: [], reply: { ...first.reply, duplicate: true }, deadLetterReasons: [] };
    }
    const text = `interchange reference ${header.ref} of ${header.sender} was used on ${first.receivedAt} for another interchange`;
    return rejectedAs(header, '26', text);
  });
}

/** One interchange received alone (an HTTP request): `receiveInterchanges` of one. */
export async function receiveInterchange(
  bytes: Buffer,
  receivedFrom: string,
  interchanges: EdiInterchangesRepository,
  source?: SourceSystem,
): Promise<ReceivedInterchange> {
  const [received] = await receiveInterchanges([{ bytes, receivedFrom }], interchanges, source);
  return received;
}

/** An interchange rejected whole for a reason its own reading did not find: its CONTRL, answer and dead letter. */
function rejectedAs(header: InterchangeHeader, code: SyntaxErrorCode, text: string): ReceivedInterchange {
  const contrl = contrlOf(
    header,
    [{ code, text, tag: 'UNB', element: code === '23' ? 2 : 5, component: 1 }],
    [],
    false,
  );
  const reasons = [`interchange: syntax error ${code}: ${text}`];
  const { sender, recipient, ref } = header;
  return {
    mapped: [],
    reply: {
      sender,
      recipient,
      interchangeRef: ref,
      accepted: false,
      contrl: contrl.text,
      rawMessages: 0,
      reasons,
      duplicate: false,
    },
    deadLetterReasons: reasons,
  };
}

function replyOf(outcome: InterchangeOutcome): EdiReply {
  return {
    sender: outcome.header?.sender ?? '',
    recipient: outcome.header?.recipient ?? '',
    interchangeRef: outcome.header?.ref ?? '',
    accepted: outcome.accepted,
    contrl: outcome.contrl.text,
    ...(outcome.aperak === undefined ? {} : { aperak: outcome.aperak.text }),
    rawMessages: outcome.mapped.length,
    reasons: outcome.reasons,
    duplicate: false,
  };
}

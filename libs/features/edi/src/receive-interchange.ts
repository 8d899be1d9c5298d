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
import type { EdiInterchangesRepository } from './edi-interchanges.repository';

/** What to do with one interchange received: the raw messages to send on, the answer, and what to dead-letter. */
export interface ReceivedInterchange {
  readonly mapped: readonly Mapped[];
  readonly reply: EdiReply;
  /** The reasons to dead-letter the interchange whole with: empty when nothing of it was refused. */
  readonly deadLetterReasons: readonly string[];
}

/**
 * Reads an interchange and deduplicates it by sender, recipient and control reference. The first time, its
 * accepted messages are mapped and recorded with their answer; a resend (same bytes) gets that answer again,
 * marked duplicate, and nothing else; other bytes under a used reference are rejected (CONTRL error 26); the same
 * message read again from the same place (a batch redone after a crash) is handled as the first time. Interchanges
 * rejected whole are not recorded: their sender may correct one and send it again under the same reference.
 * With `source` (an HTTP caller's key), an interchange whose sender speaks for another source is rejected (23).
 */
export async function receiveInterchange(
  bytes: Buffer,
  receivedFrom: string,
  interchanges: EdiInterchangesRepository,
  source?: SourceSystem,
): Promise<ReceivedInterchange> {
  const outcome = readInterchange(bytes);
  const reply = replyOf(outcome);
  const sender = outcome.header?.sender ?? '';
  if (outcome.header !== undefined && source !== undefined && EDI_SENDERS[sender] !== source) {
    const text = `sender "${sender}" does not send for ${source}, the source of this key`;
    return rejectedAs(outcome.header, '23', text);
  }
  if (!outcome.accepted || outcome.header === undefined) {
    return { mapped: [], reply, deadLetterReasons: outcome.reasons };
  }
  const { ref } = outcome.header;
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const first = await interchanges.recordFirst({
    _id: `${sender}|${outcome.header.recipient}|${ref}`,
    sha256,
    receivedFrom,
    receivedAt: new Date().toISOString(),
    reply,
  });
  if (first === undefined || first.receivedFrom === receivedFrom) {
    return { mapped: outcome.mapped, reply, deadLetterReasons: outcome.reasons };
  }
  if (first.sha256 === sha256) {
    return { mapped: [], reply: { ...first.reply, duplicate: true }, deadLetterReasons: [] };
  }
  const text = `interchange reference ${ref} of ${sender} was used on ${first.receivedAt} for another interchange`;
  return rejectedAs(outcome.header, '26', text);
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

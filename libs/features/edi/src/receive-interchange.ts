import { createHash } from 'node:crypto';
import type { EdiReply } from '@mmt/contracts';
import { contrlOf, readInterchange, type InterchangeOutcome, type Mapped } from '@mmt/edifact';
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
 */
export async function receiveInterchange(
  bytes: Buffer,
  receivedFrom: string,
  interchanges: EdiInterchangesRepository,
): Promise<ReceivedInterchange> {
  const outcome = readInterchange(bytes);
  const reply = replyOf(outcome);
  if (!outcome.accepted || outcome.header === undefined) {
    return { mapped: [], reply, deadLetterReasons: outcome.reasons };
  }
  const { sender, ref } = outcome.header;
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
  const contrl = contrlOf(outcome.header, [{ code: '26', text, tag: 'UNB', element: 5, component: 1 }], [], false);
  const reasons = [`interchange: syntax error 26: ${text}`];
  const { sender: to, recipient, interchangeRef } = reply;
  return {
    mapped: [],
    reply: {
      sender: to,
      recipient,
      interchangeRef,
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

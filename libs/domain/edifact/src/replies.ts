import {
  APERAK_DOCUMENT_CODE,
  CONTRL_ACTION_CODES,
  MESSAGE_FUNCTION_CODES,
  MUTUALLY_DEFINED,
  REFERENCE_QUALIFIERS_USED,
} from './codes';
import type { EdiMessage, InterchangeHeader, SyntaxProblem } from './envelope';
import type { BusinessProblem } from './findings';
import { PLATFORM_EDI_ID } from './senders';
import { encodeInterchange, writeSegments, type SegmentToWrite } from './write-segments';

/** One message's answer: its syntax errors (CONTRL) and, when its syntax was right, its business errors (APERAK). */
export interface MessageVerdict {
  readonly message: EdiMessage;
  readonly syntaxErrors: readonly SyntaxProblem[];
  readonly businessErrors: readonly BusinessProblem[];
}

/** An answer interchange: its bytes, and its text for people and tests. */
export interface Reply {
  readonly text: string;
  readonly bytes: Buffer;
}

/**
 * The answers are written in UNOW (syntax version 4) to an interchange sent in UNOW or UNOY, in UNOC otherwise
 * (UNOA has no lower case letters for the texts). Their references and times are those of the interchange they
 * answer, so that the same interchange always gets the same answer.
 */
function envelope(header: InterchangeHeader | undefined, prefix: string, messages: SegmentToWrite[][]): Reply {
  const wide = header?.syntax === 'UNOW' || header?.syntax === 'UNOY';
  const syntax = wide ? 'UNOW' : 'UNOC';
  const ref = `${prefix}${header?.ref ?? ''}`.slice(0, 14);
  const segments: SegmentToWrite[] = [
    {
      tag: 'UNB',
      elements: [
        [syntax, wide ? '4' : '3'],
        [PLATFORM_EDI_ID],
        [header?.sender ?? ''],
        [header?.date ?? '', header?.time ?? ''],
        [ref],
      ],
    },
    ...messages.flatMap((segmentsOfMessage, i) => [
      ...segmentsOfMessage.map((s, j) =>
        j === 0 ? { tag: 'UNH', elements: [[String(i + 1)], ...s.elements.slice(1)] } : s,
      ),
      { tag: 'UNT', elements: [[String(segmentsOfMessage.length + 1)], [String(i + 1)]] },
    ]),
    { tag: 'UNZ', elements: [[String(messages.length)], [ref]] },
  ];
  const text = writeSegments(segments, { una: true });
  return { text, bytes: encodeInterchange(wide ? text : latin1(text), syntax) };
}

/** ISO 8859-1 has no place for other characters: they become '_' in a UNOC answer. */
const latin1 = (text: string) => text.replace(/[^\n\x20-\x7e\u00a0-\u00ff]/g, '_');

/**
 * CONTRL (syntax and service report, D:3): UCI accepts (action 7) or rejects (4) the interchange, with the first
 * error in its own envelope; one UCM per message (7 or 4) and, for each error in a message, UCS with the segment's
 * position in the message and UCD with the data element and component.
 */
export function contrlOf(
  header: InterchangeHeader | undefined,
  interchangeErrors: readonly SyntaxProblem[],
  verdicts: readonly MessageVerdict[],
  accepted: boolean,
): Reply {
  const [first] = interchangeErrors;
  const uci: SegmentToWrite = {
    tag: 'UCI',
    elements: [
      [header?.ref ?? ''],
      [header?.sender ?? ''],
      [header?.recipient ?? ''],
      [accepted ? CONTRL_ACTION_CODES.accepted : CONTRL_ACTION_CODES.rejected],
      ...(first === undefined
        ? []
        : [
            [first.code],
            [first.tag],
            first.element === undefined ? [] : [String(first.element), String(first.component ?? '')],
          ]),
    ],
  };
  const ucms = verdicts.flatMap(({ message, syntaxErrors }) => {
    const [own] = syntaxErrors;
    const ucm: SegmentToWrite = {
      tag: 'UCM',
      elements: [
        [message.ref],
        [message.type, message.version, message.release, message.agency],
        [syntaxErrors.length === 0 ? CONTRL_ACTION_CODES.accepted : CONTRL_ACTION_CODES.rejected],
        ...(own === undefined ? [] : [[own.code], [own.tag === 'UNH' || own.tag === 'UNT' ? own.tag : '']]),
      ],
    };
    const placed = syntaxErrors.filter((e) => e.segmentInMessage !== undefined);
    return [
      ucm,
      ...placed.flatMap((e): SegmentToWrite[] =>
        e.element === undefined
          ? [{ tag: 'UCS', elements: [[String(e.segmentInMessage)], [e.code]] }]
          : [
              { tag: 'UCS', elements: [[String(e.segmentInMessage)]] },
              { tag: 'UCD', elements: [[e.code], [String(e.element), String(e.component ?? 1)]] },
            ],
      ),
    ];
  });
  const unh: SegmentToWrite = { tag: 'UNH', elements: [['1'], ['CONTRL', 'D', '3', 'UN']] };
  return envelope(header, 'C', [[unh, uci, ...ucms]]);
}

/**
 * APERAK (application error and acknowledgement, D:95B), one message for each message with business errors:
 * BGM+305 (application error and acknowledgement; 27 not accepted), RFF+ACW the message's reference, RFF+INO the
 * interchange's; for each error ERC with the platform's code (agency ZZZ) and FTX+AAO with the segment's position in
 * the message, the data element and what is wrong.
 */
export function aperakOf(
  header: InterchangeHeader | undefined,
  verdicts: readonly MessageVerdict[],
): Reply | undefined {
  const refused = verdicts.filter((v) => v.syntaxErrors.length === 0 && v.businessErrors.length > 0);
  if (refused.length === 0) {
    return undefined;
  }
  const messages = refused.map(({ message, businessErrors }): SegmentToWrite[] => [
    { tag: 'UNH', elements: [[''], ['APERAK', 'D', '95B', 'UN']] },
    {
      tag: 'BGM',
      elements: [[APERAK_DOCUMENT_CODE], [`${header?.ref ?? ''}-${message.ref}`], [MESSAGE_FUNCTION_CODES.notAccepted]],
    },
    { tag: 'RFF', elements: [[REFERENCE_QUALIFIERS_USED.previousMessage, message.ref]] },
    { tag: 'RFF', elements: [[REFERENCE_QUALIFIERS_USED.previousInterchange, header?.ref ?? '']] },
    ...businessErrors.flatMap((e): SegmentToWrite[] => [
      { tag: 'ERC', elements: [[e.code, MUTUALLY_DEFINED, MUTUALLY_DEFINED]] },
      {
        tag: 'FTX',
        elements: [['AAO'], [], [String(e.segmentInMessage), String(e.element ?? '')], [e.text.slice(0, 512)]],
      },
    ]),
  ]);
  return envelope(header, 'A', messages);
}

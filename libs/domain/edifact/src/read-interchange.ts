import { decodeInterchange } from './decode';
import { checkEnvelope, type InterchangeHeader, type SyntaxProblem } from './envelope';
import { Findings } from './findings';
import { equipmentReportMapper, CODECO, COARRI } from './map-equipment-report';
import { mapCargoReport } from './map-cargo-report';
import { mapStatusReport } from './map-status-report';
import type { Mapped, MessageMapper } from './mapped';
import { aperakOf, contrlOf, type MessageVerdict, type Reply } from './replies';
import { readSegments } from './segments';
import { EDI_SENDERS, PLATFORM_EDI_ID } from './senders';

/** The message types the platform reads, and how each maps onto raw messages. */
export const MESSAGE_MAPPERS: Readonly<Record<string, MessageMapper>> = {
  COARRI: equipmentReportMapper(COARRI),
  CODECO: equipmentReportMapper(CODECO),
  IFTSTA: mapStatusReport,
  CUSCAR: mapCargoReport,
};

/** An interchange larger than this (1 MiB, the raw messages' limit) is rejected before it is read. */
export const MAX_INTERCHANGE_BYTES = 1024 * 1024;

export interface InterchangeOutcome {
  /** The interchange's UNB, when it could be read. */
  readonly header?: InterchangeHeader;
  /** CONTRL's verdict on the interchange: false when it is rejected whole (then nothing is mapped). */
  readonly accepted: boolean;
  /** The raw messages of the messages accepted, in the order of the interchange. */
  readonly mapped: readonly Mapped[];
  readonly contrl: Reply;
  /** Present when a message had business errors. */
  readonly aperak?: Reply;
  /** Every error found, syntax and business, one line each; empty when everything was accepted. */
  readonly reasons: readonly string[];
}

/**
 * Reads one interchange and answers it (pure: the same bytes always give the same outcome). Errors in the
 * interchange's envelope (UNB, UNZ, its counts and references, its sender, its size, unreadable characters) reject
 * it whole. Otherwise each message stands alone: one with syntax errors is rejected in CONTRL, one with business
 * errors in APERAK, and the others are mapped. When no message is accepted by CONTRL, the interchange is rejected.
 */
export function readInterchange(bytes: Buffer): InterchangeOutcome {
  if (bytes.length > MAX_INTERCHANGE_BYTES) {
    const head = readHeader(bytes.subarray(0, 4096));
    const text = `the interchange is ${bytes.length} bytes, over the ${MAX_INTERCHANGE_BYTES}-byte limit`;
    return rejected(head, [{ code: '18', text, tag: '' }], []);
  }
  const decoded = decodeInterchange(bytes);
  if ('problem' in decoded) {
    return rejected(readHeader(bytes.subarray(0, 4096)), [{ code: '21', text: decoded.problem, tag: '' }], []);
  }
  const envelope = checkEnvelope(readSegments(decoded.text), Object.keys(MESSAGE_MAPPERS));
  const { header } = envelope;
  const errors: SyntaxProblem[] = [...envelope.errors];
  if (header !== undefined && EDI_SENDERS[header.sender] === undefined) {
    errors.unshift({
      code: '23',
      text: `sender "${header.sender}" has no agreement with the platform`,
      tag: 'UNB',
      element: 2,
      component: 1,
    });
  }
  if (header !== undefined && header.recipient !== PLATFORM_EDI_ID) {
    errors.push({
      code: '7',
      text: `recipient "${header.recipient}" is not ${PLATFORM_EDI_ID}`,
      tag: 'UNB',
      element: 3,
      component: 1,
    });
  }
  const syntaxVerdicts = envelope.messages.map((message) => ({
    message,
    syntaxErrors: message.errors,
    businessErrors: [],
  }));
  if (header === undefined || errors.length > 0) {
    return rejected(header, errors, syntaxVerdicts);
  }
  const source = EDI_SENDERS[header.sender];
  const mapped: Mapped[] = [];
  const verdicts: MessageVerdict[] = syntaxVerdicts.map((verdict) => {
    if (verdict.syntaxErrors.length > 0) {
      return verdict;
    }
    const { message } = verdict;
    const findings = new Findings(message.segments[0].position);
    const raw = MESSAGE_MAPPERS[message.type](
      { sender: header.sender, source, interchangeRef: header.ref, message },
      findings,
    );
    if (findings.problems.length === 0) {
      mapped.push(...raw);
    }
    return { ...verdict, businessErrors: findings.problems };
  });
  if (verdicts.length > 0 && verdicts.every((v) => v.syntaxErrors.length > 0)) {
    return rejected(header, [], verdicts);
  }
  return {
    header,
    accepted: true,
    mapped,
    contrl: contrlOf(header, [], verdicts, true),
    aperak: aperakOf(header, verdicts),
    reasons: reasonsOf([], verdicts),
  };
}

function rejected(
  header: InterchangeHeader | undefined,
  errors: readonly SyntaxProblem[],
  verdicts: readonly MessageVerdict[],
): InterchangeOutcome {
  return {
    header,
    accepted: false,
    mapped: [],
    contrl: contrlOf(header, errors, verdicts, false),
    reasons: reasonsOf(errors, verdicts),
  };
}

function reasonsOf(errors: readonly SyntaxProblem[], verdicts: readonly MessageVerdict[]): string[] {
  return [
    ...errors.map((e) => `interchange: syntax error ${e.code}: ${e.text}`),
    ...verdicts.flatMap(({ message, syntaxErrors, businessErrors }) => [
      ...syntaxErrors.map((e) => `message ${message.ref} (${message.type}): syntax error ${e.code}: ${e.text}`),
      ...businessErrors.map((e) => `message ${message.ref} (${message.type}): ${e.code}: ${e.text}`),
    ]),
  ];
}

/** The UNB of an interchange's first bytes, when they hold one (for answering one too large or unreadable). */
function readHeader(prefix: Buffer): InterchangeHeader | undefined {
  const { segments } = readSegments(prefix.toString('latin1'));
  const [unb] = segments;
  return unb === undefined ? undefined : checkEnvelope({ segments: [unb] }, []).header;
}

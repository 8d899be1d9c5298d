import { SYNTAX_ERROR_CODES } from './code-lists';
import { component, type ReadSegments, type Segment } from './segments';

/**
 * A syntax error as CONTRL reports it: the syntax error code (0085), the segment it is in and, when known, the
 * data element and component (1-based). For an error in a message, `segmentInMessage` is the segment's position
 * counted from the message's UNH (UNH is 1).
 */
export interface SyntaxProblem {
  readonly code: SyntaxErrorCode;
  readonly text: string;
  readonly tag: string;
  readonly segmentInMessage?: number;
  readonly element?: number;
  readonly component?: number;
}

/** The syntax error codes (ISO 9735 service code list 0085) the platform reports, with their names. */
export const SYNTAX_ERRORS = SYNTAX_ERROR_CODES;
export type SyntaxErrorCode = keyof typeof SYNTAX_ERRORS;

export interface InterchangeHeader {
  /** Syntax identifier (0001), e.g. UNOC, and version (0002). */
  readonly syntax: string;
  readonly syntaxVersion: string;
  readonly sender: string;
  readonly recipient: string;
  /** Date (YYMMDD or CCYYMMDD) and time (HHMM) of preparation, as sent. */
  readonly date: string;
  readonly time: string;
  /** Interchange control reference (0020). */
  readonly ref: string;
}

/** One message, UNH to UNT, and the syntax errors found in its envelope. */
export interface EdiMessage {
  /** Message reference number (0062). */
  readonly ref: string;
  /** Message identifier (S009): type, version, release, controlling agency. */
  readonly type: string;
  readonly version: string;
  readonly release: string;
  readonly agency: string;
  /** Its segments from UNH to UNT (or as far as the interchange went). */
  readonly segments: readonly Segment[];
  readonly errors: readonly SyntaxProblem[];
}

export interface Envelope {
  readonly header?: InterchangeHeader;
  readonly messages: readonly EdiMessage[];
  /** Errors in the interchange's own envelope (UNA, UNB, UNZ) or outside any message: they reject it whole. */
  readonly errors: readonly SyntaxProblem[];
}

interface OpenMessage {
  readonly unh: Segment;
  readonly segments: Segment[];
  readonly errors: SyntaxProblem[];
}

/**
 * Checks the envelopes of an interchange read by `readSegments`: UNB first, UNH…UNT messages with their segment
 * counts and references, UNZ last with its message count and reference, only the message types in `known`.
 * Functional groups (UNG…UNE) are not supported.
 */
export function checkEnvelope(read: ReadSegments, known: readonly string[]): Envelope {
  const errors: SyntaxProblem[] = [];
  const messages: EdiMessage[] = [];
  const [unb, ...rest] = read.segments;
  const header = unb?.tag === 'UNB' ? headerOf(unb) : undefined;
  if (header === undefined && read.failure?.position !== 1) {
    errors.push({ code: '13', text: 'the interchange does not start with a UNB segment', tag: 'UNB' });
  }
  if (unb !== undefined && header !== undefined && header.ref === '') {
    errors.push({ code: '13', text: 'UNB has no interchange control reference', tag: 'UNB', element: 5 });
  }
  let open: OpenMessage | undefined;
  let unz: Segment | undefined;
  const close = (unt?: Segment) => {
    if (open === undefined) {
      return;
    }
    const { unh } = open;
    if (unt === undefined) {
      open.errors.push({ code: '13', text: `message ${component(unh, 1)} has no UNT`, tag: 'UNT' });
    }
    messages.push(messageOf(open, known));
    open = undefined;
  };
  for (const segment of header === undefined ? [] : rest) {
    if (unz !== undefined) {
      errors.push({ code: '33', text: `${segment.tag} after UNZ`, tag: segment.tag });
      break;
    }
    if (segment.tag === 'UNH') {
      close();
      open = { unh: segment, segments: [segment], errors: [] };
    } else if (segment.tag === 'UNT' && open !== undefined) {
      open.segments.push(segment);
      checkTrailer(open, segment);
      close(segment);
    } else if (segment.tag === 'UNZ') {
      close();
      unz = segment;
    } else if (open !== undefined && !['UNB', 'UNG', 'UNE', 'UNT'].includes(segment.tag)) {
      open.segments.push(segment);
    } else {
      const group = segment.tag === 'UNG' || segment.tag === 'UNE';
      const what = group ? 'functional groups are not supported' : 'outside a message';
      errors.push({
        code: group ? '15' : '33',
        text: `${segment.tag} at segment ${segment.position}: ${what}`,
        tag: segment.tag,
      });
    }
  }
  const failure = read.failure;
  if (failure !== undefined) {
    const code = failure.reason.startsWith('syntax level')
      ? '2'
      : failure.reason.startsWith('the interchange ends')
        ? '13'
        : '21';
    const text = `segment ${failure.position}${failure.tag === '' ? '' : ` (${failure.tag})`}: ${failure.reason}`;
    if (open !== undefined) {
      const inMessage = failure.position - open.unh.position + 1;
      open.errors.push({ code, text, tag: failure.tag, segmentInMessage: inMessage, ...position(failure) });
    } else {
      errors.push({
        code,
        text,
        tag: failure.tag === 'UNB' || failure.tag === 'UNZ' ? failure.tag : '',
        ...position(failure),
      });
    }
  }
  close();
  if (header !== undefined && unz === undefined) {
    errors.push({ code: '13', text: 'the interchange has no UNZ: it is truncated', tag: 'UNZ' });
  }
  if (header !== undefined && unz !== undefined) {
    const count = component(unz, 1);
    if (count !== String(messages.length)) {
      errors.push({
        code: '29',
        text: `UNZ counts ${count} messages, the interchange has ${messages.length}`,
        tag: 'UNZ',
        element: 1,
      });
    }
    if (component(unz, 2) !== header.ref) {
      errors.push({
        code: '28',
        text: `UNZ reference ${component(unz, 2)} is not UNB's ${header.ref}`,
        tag: 'UNZ',
        element: 2,
      });
    }
  }
  return { header, messages, errors };
}

function position(failure: { element: number; component: number }) {
  return failure.element === 0 ? {} : { element: failure.element, component: Math.max(failure.component, 1) };
}

function headerOf(unb: Segment): InterchangeHeader {
  return {
    syntax: component(unb, 1, 1),
    syntaxVersion: component(unb, 1, 2),
    sender: component(unb, 2, 1),
    recipient: component(unb, 3, 1),
    date: component(unb, 4, 1),
    time: component(unb, 4, 2),
    ref: component(unb, 5, 1),
  };
}

function checkTrailer(open: OpenMessage, unt: Segment): void {
  const count = component(unt, 1);
  const inMessage = open.segments.length;
  if (count !== String(inMessage)) {
    open.errors.push({
      code: '29',
      text: `UNT counts ${count} segments, message ${component(open.unh, 1)} has ${inMessage}`,
      tag: 'UNT',
      segmentInMessage: inMessage,
      element: 1,
    });
  }
  if (component(unt, 2) !== component(open.unh, 1)) {
    open.errors.push({
      code: '28',
      text: `UNT reference ${component(unt, 2)} is not UNH's ${component(open.unh, 1)}`,
      tag: 'UNT',
      segmentInMessage: inMessage,
      element: 2,
    });
  }
}

function messageOf(open: OpenMessage, known: readonly string[]): EdiMessage {
  const { unh } = open;
  const type = component(unh, 2, 1);
  const errors = [...open.errors];
  if (!known.includes(type)) {
    errors.unshift({
      code: '14',
      text: `message type "${type}" is not one the platform reads (${known.join(', ')})`,
      tag: 'UNH',
      segmentInMessage: 1,
      element: 2,
      component: 1,
    });
  }
  return {
    ref: component(unh, 1),
    type,
    version: component(unh, 2, 2),
    release: component(unh, 2, 3),
    agency: component(unh, 2, 4),
    segments: open.segments,
    errors,
  };
}

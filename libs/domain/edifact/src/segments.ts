import Parser from 'edifact/parser.js';

/** One segment as read: its tag, its data elements (each a list of components) and where it stands. */
export interface Segment {
  readonly tag: string;
  readonly elements: readonly (readonly string[])[];
  /** 1-based position of the segment in the interchange (UNA not counted). */
  readonly position: number;
}

/** Where the parser stopped on input it could not read. */
export interface ReadFailure {
  readonly reason: string;
  /** The segment being read (1-based, in the interchange) and its tag as far as it was read. */
  readonly position: number;
  readonly tag: string;
  /** The data element and component being read (1-based; 0 when the failure came before the first). */
  readonly element: number;
  readonly component: number;
}

export interface ReadSegments {
  readonly segments: readonly Segment[];
  readonly failure?: ReadFailure;
}

/**
 * The edifact package's repertoire for each syntax level the platform accepts. UNOW (syntax version 4, UTF-8) has
 * the repertoire the package calls UNOY (ISO 10646); the text is decoded before it reaches the parser.
 */
export const PARSER_LEVELS: Readonly<Record<string, string>> = {
  UNOA: 'UNOA',
  UNOB: 'UNOB',
  UNOC: 'UNOC',
  UNOW: 'UNOY',
  UNOY: 'UNOY',
};

/**
 * Reads the segments of an interchange with the `edifact` package's parser: a UNA header sets the separators and
 * the release character, the UNB syntax identifier sets the character repertoire. On input it cannot read, it
 * returns the segments read so far and where it stopped, never throws.
 */
export function readSegments(text: string): ReadSegments {
  const segments: Segment[] = [];
  let tag = '';
  let elements: string[][] = [];
  let inSegment = false;
  const parser = new Parser();
  parser.onopensegment = (name) => {
    tag = name;
    elements = [];
    inSegment = true;
  };
  parser.onelement = () => {
    elements.push([]);
  };
  parser.oncomponent = (data) => {
    elements[elements.length - 1].push(data);
    if (tag === 'UNB' && elements.length === 1 && elements[0].length === 1) {
      const level = PARSER_LEVELS[data];
      if (level === undefined) {
        throw new Error(`syntax level ${data} is not supported (UNOA, UNOB, UNOC, UNOW or UNOY)`);
      }
      parser.encoding(level);
    }
  };
  parser.onclosesegment = () => {
    segments.push({ tag, elements, position: segments.length + 1 });
    inSegment = false;
  };
  const failure = (reason: string): ReadSegments => ({
    segments,
    failure: {
      reason,
      position: segments.length + 1,
      tag: inSegment ? tag : '',
      element: inSegment ? elements.length : 0,
      component: inSegment ? (elements[elements.length - 1]?.length ?? 0) : 0,
    },
  });
  try {
    parser.write(text);
  } catch (error) {
    return failure((error as Error).message);
  }
  try {
    parser.end();
  } catch {
    return failure('the interchange ends inside a segment (no segment terminator)');
  }
  return { segments };
}

/** The component at 1-based element and component positions, or '' when absent. */
export function component(segment: Segment, element: number, position = 1): string {
  return segment.elements[element - 1]?.[position - 1] ?? '';
}

/** A segment to write: its tag and data elements, each a list of components (trailing empty ones are dropped). */
export interface SegmentToWrite {
  readonly tag: string;
  readonly elements: readonly (readonly string[])[];
}

/**
 * Writes segments with the default separators (component :, data element +, release ?, segment terminator ') and
 * the release character before each of them in the data. The `edifact` package reads but does not write; this is
 * the platform's one writer, for its CONTRL and APERAK answers and the simulator's interchanges. With `una` the
 * text starts with the UNA service string advice.
 */
export function writeSegments(segments: readonly SegmentToWrite[], options: { una?: boolean } = {}): string {
  const body = segments
    .map((segment) => {
      const elements = trimEnd(segment.elements.map((element) => trimEnd(element.map(release)).join(':')));
      return [segment.tag, ...elements].join('+');
    })
    .join("'\n");
  return `${options.una === true ? "UNA:+.? '" : ''}${body}'\n`;
}

const release = (data: string) => data.replace(/[?:+']/g, (c) => `?${c}`);

function trimEnd(values: string[]): string[] {
  let end = values.length;
  while (end > 0 && values[end - 1] === '') {
    end -= 1;
  }
  return values.slice(0, end);
}

/** The bytes of an interchange written at a syntax level: UTF-8 for UNOW and UNOY, ISO 8859-1 for the others. */
export function encodeInterchange(text: string, syntax: string): Buffer {
  return Buffer.from(text, syntax === 'UNOW' || syntax === 'UNOY' ? 'utf8' : 'latin1');
}

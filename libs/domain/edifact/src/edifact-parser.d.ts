/** Types for the parts of the `edifact` package (a streaming UN/EDIFACT parser, plain JavaScript) the platform uses. */
declare module 'edifact/parser.js' {
  class Parser {
    constructor(validator?: unknown, config?: unknown);
    /** Sets the character repertoire: UNOA, UNOB, UNOC, UNOY or UCS2. */
    encoding(level: string): void;
    onopensegment(segment: string): void;
    onclosesegment(): void;
    onelement(): void;
    oncomponent(data: string): void;
    /** Reads a chunk (a UNA at its start sets the separators); throws on a character the repertoire lacks. */
    write(chunk: string): void;
    /** Throws when the last segment is not terminated. */
    end(): void;
  }
  export = Parser;
}

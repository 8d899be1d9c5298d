/**
 * Wraps hand-written message bodies (segments as sent, terminator included, one a line) in UNB…UNZ and UNH…UNT
 * with the right counts, so a test writes only what it is about. UNH names D:95B with SMDG's association code
 * ITG14, or the `release` given (e.g. 00B for a message with the later UNTDID codes).
 */
export function interchange(
  options: { syntax?: string; sender?: string; ref?: string; una?: boolean },
  ...messages: { type: string; body: string; release?: string }[]
): string {
  const syntax = options.syntax ?? 'UNOC:3';
  const ref = options.ref ?? 'IC0001';
  const lines = [
    ...(options.una === true ? ["UNA:+.? '"] : []),
    `UNB+${syntax}+${options.sender ?? 'QZPORTEDI'}:ZZZ+MMTPLATFORM:ZZZ+260302:1510+${ref}'`,
  ];
  messages.forEach((message, i) => {
    const body = message.body
      .trim()
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '');
    const identifier =
      message.release === undefined ? `${message.type}:D:95B:UN:ITG14` : `${message.type}:D:${message.release}:UN`;
    lines.push(`UNH+M${i + 1}+${identifier}'`, ...body, `UNT+${body.length + 2}+M${i + 1}'`);
  });
  lines.push(`UNZ+${messages.length}+${ref}'`);
  return lines.join('\n');
}

/** The same as bytes, in the character set of its syntax level. */
export function interchangeBytes(...args: Parameters<typeof interchange>): Buffer {
  const syntax = args[0].syntax ?? 'UNOC:3';
  return Buffer.from(interchange(...args), syntax.startsWith('UNOW') ? 'utf8' : 'latin1');
}

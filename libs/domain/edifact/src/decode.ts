/**
 * The character set each syntax level is sent in: UNOA and UNOB are 7-bit ASCII (a subset of ISO 8859-1), UNOC is
 * ISO 8859-1, UNOW and UNOY are UTF-8. The syntax identifier is read from the UNB's first bytes, which are ASCII
 * whatever the level; an interchange without one is read as ISO 8859-1 (the parser then reports what is wrong).
 */
export function decodeInterchange(bytes: Buffer): { readonly text: string } | { readonly problem: string } {
  const head = bytes.subarray(0, 64).toString('latin1');
  const level = /UNB.(UNO[A-Z])/.exec(head)?.[1];
  if (level !== 'UNOW' && level !== 'UNOY') {
    return { text: bytes.toString('latin1') };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return { problem: `the interchange declares ${level} but is not valid UTF-8` };
  }
}

import { readInterchange } from './read-interchange';
import { interchange, interchangeBytes } from './testing/interchange';

const GATE_IN = `
  BGM+34+QCT-GI-4411+9'
  DTM+137:202603011930?+08:303'
  LOC+165+CNQZH:139:6+QCT:TER:ZZZ'
  EQD+CN+CSQU3054383+45G1:102:5++2+5'
  DTM+7:202603011902?+08:303'
`;
const valid = () => interchange({}, { type: 'CODECO', body: GATE_IN });

/** The CONTRL's UCI, UCM, UCS and UCD segments, one a line, without the envelope. */
function report(bytes: Buffer | string): string[] {
  const outcome = readInterchange(typeof bytes === 'string' ? Buffer.from(bytes, 'latin1') : bytes);
  return outcome.contrl.text.split('\n').filter((line) => /^UC[IMSD]\+/.test(line));
}

describe('CONTRL: syntax errors reject the interchange, placed by segment and data element', () => {
  it('accepts a valid interchange, and answers with the references it was sent', () => {
    const outcome = readInterchange(Buffer.from(valid(), 'latin1'));
    expect(report(valid())).toEqual(["UCI+IC0001+QZPORTEDI+MMTPLATFORM+7'", "UCM+M1+CODECO:D:95B:UN+7'"]);
    expect(outcome.contrl.text).toContain("UNB+UNOC:3+MMTPLATFORM+QZPORTEDI+260302:1510+CIC0001'");
    expect(outcome.contrl.text).toContain("UNH+1+CONTRL:D:3:UN'");
  });

  it('rejects a truncated interchange: no UNZ, and its last message has no UNT', () => {
    const truncated = valid().slice(0, valid().indexOf('DTM+7'));
    expect(report(truncated)).toEqual([
      "UCI+IC0001+QZPORTEDI+MMTPLATFORM+4+13+UNZ'",
      "UCM+M1+CODECO:D:95B:UN+4+13+UNT'",
    ]);
  });

  it('rejects an interchange cut inside a segment', () => {
    const cut = valid().slice(0, valid().indexOf('DTM+7') + 9);
    const outcome = readInterchange(Buffer.from(cut, 'latin1'));
    expect(outcome.accepted).toBe(false);
    expect(outcome.reasons).toEqual(
      expect.arrayContaining([expect.stringContaining('ends inside a segment'), expect.stringContaining('no UNZ')]),
    );
  });

  it('rejects a message whose UNT counts other than its segments, at UNT data element 1', () => {
    const wrong = valid().replace("UNT+7+M1'", "UNT+6+M1'");
    expect(report(wrong)).toEqual([
      "UCI+IC0001+QZPORTEDI+MMTPLATFORM+4'",
      "UCM+M1+CODECO:D:95B:UN+4+29+UNT'",
      "UCS+7'",
      "UCD+29+1:1'",
    ]);
  });

  it('rejects an interchange whose UNZ counts other than its messages, at UNZ data element 1', () => {
    const wrong = valid().replace("UNZ+1+IC0001'", "UNZ+2+IC0001'");
    expect(report(wrong)).toEqual(["UCI+IC0001+QZPORTEDI+MMTPLATFORM+4+29+UNZ+1'", "UCM+M1+CODECO:D:95B:UN+7'"]);
  });

  it('rejects an unknown message type at UNH data element 2, and keeps the valid message beside it', () => {
    const mixed = interchange({}, { type: 'CODECO', body: GATE_IN }, { type: 'BAPLIE', body: "BGM+659+X+9'" });
    const outcome = readInterchange(Buffer.from(mixed, 'latin1'));
    expect(outcome.accepted).toBe(true);
    expect(outcome.mapped).toHaveLength(1);
    expect(report(mixed)).toEqual([
      "UCI+IC0001+QZPORTEDI+MMTPLATFORM+7'",
      "UCM+M1+CODECO:D:95B:UN+7'",
      "UCM+M2+BAPLIE:D:95B:UN+4+14+UNH'",
      "UCS+1'",
      "UCD+14+2:1'",
    ]);
    expect(outcome.reasons).toEqual([expect.stringMatching(/^message M2 \(BAPLIE\): syntax error 14/)]);
  });

  it('rejects an interchange whose only message is of an unknown type', () => {
    const outcome = readInterchange(interchangeBytes({}, { type: 'BAPLIE', body: "BGM+659+X+9'" }));
    expect(outcome.accepted).toBe(false);
    expect(report(interchange({}, { type: 'BAPLIE', body: "BGM+659+X+9'" }))[0]).toBe(
      "UCI+IC0001+QZPORTEDI+MMTPLATFORM+4'",
    );
  });

  it('rejects an interchange over 1 MiB (a 5 MB one) before reading it, naming it from its UNB', () => {
    const filler = "FTX+AAA+++PADDING'\n".repeat(Math.ceil((5 * 1024 * 1024) / 19));
    const huge = valid().replace('EQD+CN', `${filler}EQD+CN`);
    const outcome = readInterchange(Buffer.from(huge, 'latin1'));
    expect(outcome.accepted).toBe(false);
    expect(report(huge)).toEqual(["UCI+IC0001+QZPORTEDI+MMTPLATFORM+4+18'"]);
    expect(outcome.reasons).toEqual([expect.stringContaining('over the 1048576-byte limit')]);
  });

  it('rejects binary garbage without a word of it read', () => {
    const garbage = Buffer.from(Array.from({ length: 2048 }, (_, i) => (i * 7919 + 13) % 256));
    const outcome = readInterchange(garbage);
    expect(outcome.accepted).toBe(false);
    expect(outcome.mapped).toEqual([]);
    expect(report(garbage)).toEqual(["UCI++++4+21'"]);
  });

  it('rejects UNOW text that is not UTF-8', () => {
    const bytes = Buffer.concat([
      interchangeBytes({ syntax: 'UNOW:4' }, { type: 'CODECO', body: GATE_IN }),
      Buffer.from([0xff, 0xfe]),
    ]);
    expect(report(bytes)).toEqual(["UCI+IC0001+QZPORTEDI+MMTPLATFORM+4+21'"]);
  });

  it('rejects an unknown sender, a wrong recipient and an unsupported syntax level in UNB', () => {
    expect(report(valid().replace('QZPORTEDI:ZZZ', 'NOBODY:ZZZ'))[0]).toBe(
      "UCI+IC0001+NOBODY+MMTPLATFORM+4+23+UNB+2:1'",
    );
    expect(report(valid().replace('MMTPLATFORM:ZZZ', 'SOMEONE:ZZZ'))[0]).toBe(
      "UCI+IC0001+QZPORTEDI+SOMEONE+4+7+UNB+3:1'",
    );
    expect(report(valid().replace('UNOC:3', 'UNOX:3'))[0]).toBe("UCI++++4+2+UNB+1:1'");
  });

  it('rejects UNZ whose reference is not UNB’s, and a segment after UNZ (33, outside a message)', () => {
    expect(report(valid().replace("UNZ+1+IC0001'", "UNZ+1+IC0002'"))[0]).toBe(
      "UCI+IC0001+QZPORTEDI+MMTPLATFORM+4+28+UNZ+2'",
    );
    expect(report(`${valid()}\nUNH+X'`)[0]).toBe("UCI+IC0001+QZPORTEDI+MMTPLATFORM+4+33+UNH'");
  });

  it('gives the same answer to the same bytes', () => {
    const bytes = Buffer.from(valid(), 'latin1');
    expect(readInterchange(bytes).contrl.bytes.equals(readInterchange(bytes).contrl.bytes)).toBe(true);
  });
});

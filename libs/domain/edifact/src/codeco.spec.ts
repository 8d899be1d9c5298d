import { readInterchange } from './read-interchange';
import { interchangeBytes } from './testing/interchange';

describe('CODECO → raw gate moves', () => {
  it('maps a gate-in report at syntax level UNOA (upper case only) to GATE_IN by truck, full', () => {
    const body = `
      BGM+109+QCT-GI-4411+9'
      DTM+137:202603011930?+0800:303'
      LOC+175+CNQZH:139:6+QCT:TER:ZZZ'
      EQD+CN+CSQU3054383+45G1:102:5++2+5'
      RFF+BM:COSU6123456780'
      TDT+1++3+++++GUI A12345'
      DTM+7:202603011902?+0800:303'
      CNT+16:1'
    `;
    const { mapped, reasons, contrl } = readInterchange(
      interchangeBytes({ syntax: 'UNOA:2' }, { type: 'CODECO', release: '00B', body }),
    );
    expect(reasons).toEqual([]);
    expect(mapped.map((m) => m.message)).toEqual([
      expect.objectContaining({
        operation: 'GATE_IN',
        containerNo: 'CSQU3054383',
        eventTime: '2026-03-01T19:02:00+08:00',
        location: { locode: 'CNQZH', facility: 'QCT' },
        conveyance: { mode: 'TRUCK', plate: 'GUI A12345' },
        emptyIndicator: 'LADEN',
        documents: [{ type: 'BILL_OF_LADING', ref: 'COSU6123456780' }],
      }),
    ]);
    expect(contrl.text).toContain("UCM+M1+CODECO:D:00B:UN+7'");
  });

  it('maps a gate-out report onto a train (UNOC) to GATE_OUT, with the train and its departure date', () => {
    const body = `
      BGM+111+TJC-GO-0099+9'
      DTM+137:202603051210?+08:303'
      LOC+175+CNCQI:139:6+TJC:TER:ZZZ'
      EQD+CN+MSKU1234565+22G1:102:5++3+4'
      TDT+1+X8001+2'
      DTM+133:20260305:102'
      DTM+7:202603051150?+08:303'
    `;
    const { mapped, reasons } = readInterchange(
      interchangeBytes({ sender: 'CQRAILEDI' }, { type: 'CODECO', release: '00B', body }),
    );
    expect(reasons).toEqual([]);
    expect(mapped.map((m) => m.message)).toEqual([
      expect.objectContaining({
        source: 'CHINA_EUROPE_RAIL',
        operation: 'GATE_OUT',
        conveyance: { mode: 'RAIL', trainNo: 'X8001', departureDate: '2026-03-05' },
        emptyIndicator: 'EMPTY',
      }),
    ]);
  });

  it('refuses a lower case letter at UNOA with a CONTRL rejection placed at the segment and element', () => {
    const body = `
      BGM+109+QCT-GI-4412+9'
      DTM+137:202603011930?+0800:303'
      LOC+175+CNQZH:139:6+QCT:TER:ZZZ'
      EQD+CN+CSQU3054383+45G1:102:5++2+5'
      TDT+1++3+++++gui A12345'
      DTM+7:202603011902?+0800:303'
    `;
    const { accepted, contrl, mapped } = readInterchange(
      interchangeBytes({ syntax: 'UNOA:2' }, { type: 'CODECO', release: '00B', body }),
    );
    expect(accepted).toBe(false);
    expect(mapped).toEqual([]);
    // TDT is the message's 6th segment (UNH 1); the plate is its 8th data element.
    expect(contrl.text).toContain("UCM+M1+CODECO:D:00B:UN+4+21'");
    expect(contrl.text).toContain("UCS+6'\nUCD+21+8:1'");
  });

  it('reads the SMDG D.95B gate codes 34 and 36 and a gate at LOC+165 under UNH D:95B, and refuses a code of neither', () => {
    const body = (bgm: string, loc: string) => `
      BGM+${bgm}+QCT-GI-4413+9'
      DTM+137:202603011930?+0800:303'
      LOC+${loc}+CNQZH:139:6+QCT:TER:ZZZ'
      EQD+CN+CSQU3054383+45G1:102:5++2+5'
      DTM+7:202603011902?+0800:303'
    `;
    const read = (bgm: string, loc: string) =>
      readInterchange(interchangeBytes({}, { type: 'CODECO', body: body(bgm, loc) }));
    const current = read('109', '175');
    expect(read('34', '165').reasons).toEqual([]);
    expect(read('34', '165').mapped).toEqual(current.mapped);
    expect(read('36', '165').mapped.map((m) => m.message)).toEqual([
      expect.objectContaining({ operation: 'GATE_OUT', location: { locode: 'CNQZH', facility: 'QCT' } }),
    ]);
    expect(read('35', '165').reasons).toEqual([
      'message M1 (CODECO): INVALID: BGM (segment 2): document code 35 is not one of 34 / 109 GATE_IN, 36 / 111 GATE_OUT (SMDG D.95B / UNTDID)',
    ]);
    expect(read('109', '14').reasons).toEqual(['message M1 (CODECO): MISSING: EQD (segment 5): no LOC+165/175']);
  });

  it('reads a time whose zone is an offset from UTC in format 205 (CCYYMMDDHHMMZHHMM)', () => {
    const body = `
      BGM+109+QCT-GI-4414+9'
      DTM+137:202603011930?+0800:205'
      LOC+175+CNQZH:139:6+QCT:TER:ZZZ'
      EQD+CN+CSQU3054383+45G1:102:5++2+5'
      DTM+7:202603011902?+0800:205'
    `;
    const { mapped, reasons } = readInterchange(interchangeBytes({}, { type: 'CODECO', release: '00B', body }));
    expect(reasons).toEqual([]);
    expect(mapped[0].message).toEqual(
      expect.objectContaining({ sentAt: '2026-03-01T19:30:00+08:00', eventTime: '2026-03-01T19:02:00+08:00' }),
    );
    const zoneless = body.replace("?+0800:205'\n      LOC", ":205'\n      LOC");
    expect(
      readInterchange(interchangeBytes({}, { type: 'CODECO', release: '00B', body: zoneless })).reasons[0],
    ).toContain('is not a time with its zone (format 303, 304 or 205)');
  });
});

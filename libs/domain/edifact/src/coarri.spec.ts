import { readInterchange } from './read-interchange';
import { interchange, interchangeBytes } from './testing/interchange';

/** A loading report of a vessel at Qinzhou's container terminal, after the SMDG COARRI guide's layout. */
const LOADING_REPORT = `
BGM+122+QCT-L-0302-17+9'
DTM+137:202603021505?+08:303'
TDT+20+026E+1++COSCO:172:20+++9456719:146:11:COSCO ADEN'
LOC+9+CNQZH:139:6+QCT:TER:ZZZ'
NAD+CF+COSCO:160:20'
EQD+CN+CSQU3054383+45G1:102:5++2+5'
RFF+BM:COSU6123456780'
DTM+404:202603021432?+08:303'
SEL+CN8812345+CA'
EQD+CN+MSKU1234565+22G1:102:5++2+4'
DTM+404:202603021440?+08:303'
CNT+16:2'
`;

describe('COARRI → raw loading reports', () => {
  it('maps a loading report to one LOAD per container on the vessel, at the port of loading', () => {
    const outcome = readInterchange(
      interchangeBytes({ una: true }, { type: 'COARRI', release: '00B', body: LOADING_REPORT }),
    );
    expect(outcome.reasons).toEqual([]);
    expect(outcome.accepted).toBe(true);
    expect(outcome.mapped).toHaveLength(2);
    expect(outcome.mapped.slice(0, 1)).toEqual([
      {
        topic: 'raw.loading.v1',
        key: 'CSQU3054383',
        message: {
          messageId: 'QCT-L-0302-17',
          source: 'LAND_SEA_CORRIDOR',
          sentAt: '2026-03-02T15:05:00+08:00',
          kind: 'LOADING',
          containerNo: 'CSQU3054383',
          operation: 'LOAD',
          classifier: 'ACT',
          eventTime: '2026-03-02T14:32:00+08:00',
          location: { locode: 'CNQZH', facility: 'QCT' },
          conveyance: { mode: 'VESSEL', imo: '9456719', voyage: '026E' },
          documents: [{ type: 'BILL_OF_LADING', ref: 'COSU6123456780' }],
          emptyIndicator: 'LADEN',
          isoSizeType: '45G1',
          seals: ['CN8812345'],
        },
      },
    ]);
    expect(outcome.mapped[1].message).toEqual(
      expect.objectContaining({
        containerNo: 'MSKU1234565',
        operation: 'LOAD',
        emptyIndicator: 'EMPTY',
        isoSizeType: '22G1',
      }),
    );
    expect(outcome.contrl.text).toContain("UCI+IC0001+QZPORTEDI+MMTPLATFORM+7'");
    expect(outcome.contrl.text).toContain("UCM+M1+COARRI:D:00B:UN+7'");
    expect(outcome.aperak).toBeUndefined();
  });

  it('maps a discharge report of a Yangtze barge with a Chinese name (UNOW) to DISCHARGE at the port of discharge', () => {
    const body = `
      BGM+119+YSP-D-77+9'
      DTM+137:20260302071500Z:304'
      TDT+20+CJ2603+8+++++:::长航集运3号'
      LOC+11+CNSGH:139:6+YSP:TER:ZZZ'
      EQD+CN+CSQU3054383+45G1:102:5++3+5'
      DTM+403:202603020650Z:303'
    `;
    const bytes = interchangeBytes({ syntax: 'UNOW:4', sender: 'SHPORTEDI' }, { type: 'COARRI', release: '00B', body });
    const { mapped, reasons } = readInterchange(bytes);
    expect(reasons).toEqual([]);
    expect(mapped.map((m) => m.message)).toEqual([
      expect.objectContaining({
        source: 'COASTAL_PORT',
        operation: 'DISCHARGE',
        sentAt: '2026-03-02T07:15:00Z',
        eventTime: '2026-03-02T06:50:00Z',
        location: { locode: 'CNSGH', facility: 'YSP' },
        conveyance: { mode: 'BARGE', name: '长航集运3号', voyage: 'CJ2603' },
      }),
    ]);
  });

  it('reads ISO 8859-1 text at UNOC: a barge name with accents', () => {
    const body = `
      BGM+119+DUI-D-12+9'
      DTM+137:20260330091500Z:304'
      TDT+20+RH0330+8+++++:::Rhône Fluß'
      LOC+11+DEDUI:139:6+DIT:TER:ZZZ'
      EQD+CN+CSQU3054383+45G1:102:5++3+5'
      DTM+403:202603300850Z:303'
    `;
    const bytes = interchangeBytes({ sender: 'CQRAILEDI' }, { type: 'COARRI', release: '00B', body });
    expect(bytes.includes(Buffer.from('Rh\xf4ne Flu\xdf', 'latin1'))).toBe(true);
    const { mapped, reasons } = readInterchange(bytes);
    expect(reasons).toEqual([]);
    expect(mapped[0].message).toEqual(
      expect.objectContaining({ conveyance: { mode: 'BARGE', name: 'Rhône Fluß', voyage: 'RH0330' } }),
    );
  });

  it('reads the same report with other separators declared in UNA, and the release character before them', () => {
    // Here + is data (the zone's sign) and * separates elements; a * in the data is released with #.
    const text = interchange(
      { una: true },
      { type: 'COARRI', release: '00B', body: LOADING_REPORT.replace('COSCO ADEN', 'COSCO*ADEN') },
    )
      .replace("UNA:+.? '", 'UNA|*.# !')
      .replace(/\?\+/g, '\u00b6')
      .replace('COSCO*ADEN', 'COSCO#*ADEN')
      .replace(/'/g, '!')
      .replace(/\+/g, '*')
      .replace(/:/g, '|')
      .replace(/\u00b6/g, '+');
    const { mapped, reasons } = readInterchange(Buffer.from(text, 'latin1'));
    expect(reasons).toEqual([]);
    expect(mapped.map((m) => m.message)).toEqual([
      expect.objectContaining({ containerNo: 'CSQU3054383', eventTime: '2026-03-02T14:32:00+08:00' }),
      expect.objectContaining({ containerNo: 'MSKU1234565' }),
    ]);
  });

  it('keeps the release character out of the data: a voyage with + and : in it reads as sent', () => {
    const body = LOADING_REPORT.replace('TDT+20+026E+', 'TDT+20+026?+E?:1+');
    const { mapped } = readInterchange(interchangeBytes({}, { type: 'COARRI', release: '00B', body }));
    expect(mapped[0].message).toEqual(
      expect.objectContaining({ conveyance: { mode: 'VESSEL', imo: '9456719', voyage: '026+E:1' } }),
    );
  });

  it('reads the same report with the SMDG D.95B codes under UNH D:95B (BGM+46, DTM+203), and refuses a code of neither', () => {
    const smdg = LOADING_REPORT.replace('BGM+122+', 'BGM+46+').replace(/DTM\+404/g, 'DTM+203');
    const current = readInterchange(interchangeBytes({}, { type: 'COARRI', release: '00B', body: LOADING_REPORT }));
    const d95b = readInterchange(interchangeBytes({}, { type: 'COARRI', body: smdg }));
    expect(d95b.reasons).toEqual([]);
    expect(d95b.contrl.text).toContain("UCM+M1+COARRI:D:95B:UN+7'");
    expect(d95b.mapped).toEqual(current.mapped);
    const discharge = smdg.replace('BGM+46+', 'BGM+98+').replace('LOC+9+', 'LOC+11+');
    expect(readInterchange(interchangeBytes({}, { type: 'COARRI', body: discharge })).mapped[0].message).toEqual(
      expect.objectContaining({ operation: 'DISCHARGE', eventTime: '2026-03-02T14:32:00+08:00' }),
    );
    // 44 is neither SMDG's nor UNTDID's report of a move; 7 (Effective date/time) is not a COARRI move's time.
    const neither = readInterchange(interchangeBytes({}, { type: 'COARRI', body: smdg.replace('BGM+46+', 'BGM+44+') }));
    expect(neither.mapped).toEqual([]);
    expect(neither.reasons).toEqual([
      'message M1 (COARRI): INVALID: BGM (segment 2): document code 44 is not one of 46 / 122 LOAD, 98 / 119 DISCHARGE (SMDG D.95B / UNTDID)',
    ]);
    const effective = readInterchange(
      interchangeBytes({}, { type: 'COARRI', body: smdg.replace(/DTM\+203/g, 'DTM+7') }),
    );
    expect(effective.mapped).toEqual([]);
    expect(effective.reasons[0]).toContain('no DTM+203/404 (time of the move)');
  });

  it('maps a cancellation (BGM function 1) to retractions of the report under its document number', () => {
    const cancelled = LOADING_REPORT.replace("BGM+122+QCT-L-0302-17+9'", "BGM+122+QCT-L-0302-17+1'");
    const { mapped, reasons } = readInterchange(
      interchangeBytes({}, { type: 'COARRI', release: '00B', body: cancelled }),
    );
    expect(reasons).toEqual([]);
    expect(mapped.map((m) => [m.key, m.message.messageId, m.message.retractsMessageId])).toEqual([
      ['CSQU3054383', 'QCT-L-0302-17:cancellation', 'QCT-L-0302-17'],
      ['MSKU1234565', 'QCT-L-0302-17:cancellation', 'QCT-L-0302-17'],
    ]);
    expect(mapped[0].message).toEqual(expect.objectContaining({ operation: 'LOAD', containerNo: 'CSQU3054383' }));
  });
});

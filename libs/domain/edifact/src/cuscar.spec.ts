import { readInterchange } from './read-interchange';
import { interchangeBytes } from './testing/interchange';

const MANIFEST = `
  BGM+785+QZ-CR-20260303-0001+9'
  RFF+AFB:MF-QZH-20260303-026E'
  DTM+137:202603030815?+08:303'
  DTM+182:202603030800?+08:303'
  TDT+20+026E+1++COSCO:172:20+++9456719:146:11:COSCO ADEN'
  LOC+9+CNQZH:139:6+QCT:TER:ZZZ'
  LOC+11+SGSIN:139:6+PPT:TER:ZZZ'
  NAD+CA+org-cn-cosco:160:ZZZ++中远海运集装箱运输有限公司'
  EQD+CN+CSQU3054383+45G1:102:5++2+5'
  RFF+BM:COSU6123456780'
  SEL+CN8812345+CA'
  EQD+CN+MSKU1234565+22G1:102:5++2+5'
  RFF+BM:COSU6123456781'
  CNT+16:2'
`;

describe('CUSCAR → a raw manifest', () => {
  it('maps the port EDI centre’s manifest of a vessel, with a Chinese carrier name (UNOW), to one manifest', () => {
    const { mapped, reasons } = readInterchange(
      interchangeBytes({ syntax: 'UNOW:4' }, { type: 'CUSCAR', body: MANIFEST }),
    );
    expect(reasons).toEqual([]);
    expect(mapped).toEqual([
      {
        topic: 'raw.manifest.v1',
        key: 'MF-QZH-20260303-026E',
        message: {
          messageId: 'QZ-CR-20260303-0001',
          source: 'LAND_SEA_CORRIDOR',
          sentAt: '2026-03-03T08:15:00+08:00',
          kind: 'MANIFEST',
          manifestNo: 'MF-QZH-20260303-026E',
          status: 'FILED',
          eventTime: '2026-03-03T08:00:00+08:00',
          conveyance: { mode: 'VESSEL', imo: '9456719', voyage: '026E' },
          placeOfLoading: { locode: 'CNQZH', facility: 'QCT' },
          placeOfDischarge: { locode: 'SGSIN', facility: 'PPT' },
          carrier: { orgId: 'org-cn-cosco', name: '中远海运集装箱运输有限公司' },
          containers: [
            {
              containerNo: 'CSQU3054383',
              documents: [{ type: 'BILL_OF_LADING', ref: 'COSU6123456780' }],
              isoSizeType: '45G1',
              emptyIndicator: 'LADEN',
              seals: ['CN8812345'],
            },
            {
              containerNo: 'MSKU1234565',
              documents: [{ type: 'BILL_OF_LADING', ref: 'COSU6123456781' }],
              isoSizeType: '22G1',
              emptyIndicator: 'LADEN',
            },
          ],
        },
      },
    ]);
  });

  it('takes the status customs gave from GIS, and AMENDED from a replacement (BGM function 5) under the same messageId', () => {
    const released = MANIFEST.replace('DTM+182', "GIS+REL:ZZZ:ZZZ'\n  DTM+182");
    const amended = MANIFEST.replace("+9'", "+5'");
    const outcome = readInterchange(
      interchangeBytes({ syntax: 'UNOW:4' }, { type: 'CUSCAR', body: released }, { type: 'CUSCAR', body: amended }),
    );
    expect(outcome.reasons).toEqual([]);
    expect(outcome.mapped.map((m) => m.message)).toEqual([
      expect.objectContaining({ status: 'RELEASED', messageId: 'QZ-CR-20260303-0001' }),
      expect.objectContaining({ status: 'AMENDED', messageId: 'QZ-CR-20260303-0001' }),
    ]);
  });

  it('reads the status from an agreed 3-letter code (7365 is an..3) and refuses a status written out', () => {
    const codes = { FIL: 'FILED', ACC: 'ACCEPTED', AMD: 'AMENDED', REL: 'RELEASED', HLD: 'HELD' };
    for (const [code, status] of Object.entries(codes)) {
      const body = MANIFEST.replace('DTM+182', `GIS+${code}:ZZZ:ZZZ'\n  DTM+182`);
      const { mapped } = readInterchange(interchangeBytes({ syntax: 'UNOW:4' }, { type: 'CUSCAR', body }));
      expect(mapped.map((m) => m.message)).toEqual([expect.objectContaining({ status })]);
    }
    const written = MANIFEST.replace('DTM+182', "GIS+RELEASED:ZZZ:ZZZ'\n  DTM+182");
    const { mapped, reasons } = readInterchange(
      interchangeBytes({ syntax: 'UNOW:4' }, { type: 'CUSCAR', body: written }),
    );
    expect(mapped).toEqual([]);
    expect(reasons[0]).toContain(
      'manifest status "RELEASED" is not one of FIL FILED, ACC ACCEPTED, AMD AMENDED, REL RELEASED, HLD HELD',
    );
  });

  it('refuses a cancellation (BGM function 1) of a manifest', () => {
    const { mapped, reasons } = readInterchange(
      interchangeBytes({ syntax: 'UNOW:4' }, { type: 'CUSCAR', body: MANIFEST.replace("+9'", "+1'") }),
    );
    expect(mapped).toEqual([]);
    expect(reasons).toEqual([
      'message M1 (CUSCAR): INVALID: BGM (segment 2): a cancellation (1) of a manifest is not read: send its status in GIS',
    ]);
  });
});

import { readInterchange } from './read-interchange';
import { interchangeBytes } from './testing/interchange';

describe('IFTSTA → raw in-transit and container status messages', () => {
  it('maps a train crossing a border, for the whole train, and a departure with its estimated arrival', () => {
    const body = `
      BGM+44+CQ-STA-20260309-01+9'
      DTM+137:20260309041200Z:304'
      STS+1+16'
      LOC+175+CNAKL:139:6+AKB:TER:ZZZ'
      DTM+334:202603090355Z:303'
      TDT+20+X8001+2'
      DTM+133:20260302:102'
      STS+1+24'
      LOC+175+CNCQI:139:6+TJC:TER:ZZZ'
      DTM+334:202603021030?+08:303'
      LOC+8+CNAKL:139:6'
      DTM+132:202603081800?+08:303'
      TDT+20+X8001+2'
      DTM+133:20260302:102'
      EQD+CN+CSQU3054383'
      EQD+CN+MSKU1234565'
    `;
    const { mapped, reasons } = readInterchange(
      interchangeBytes({ sender: 'CQRAILEDI' }, { type: 'IFTSTA', release: '00B', body }),
    );
    expect(reasons).toEqual([]);
    const train = { mode: 'RAIL', trainNo: 'X8001', departureDate: '2026-03-02' };
    expect(mapped).toHaveLength(3);
    expect(mapped.slice(0, 1)).toEqual([
      {
        topic: 'raw.in-transit.v1',
        key: 'RAIL:X8001:2026-03-02',
        message: {
          messageId: 'CQ-STA-20260309-01:1',
          source: 'CHINA_EUROPE_RAIL',
          sentAt: '2026-03-09T04:12:00Z',
          kind: 'IN_TRANSIT',
          status: 'PASSED',
          classifier: 'ACT',
          eventTime: '2026-03-09T03:55:00Z',
          location: { locode: 'CNAKL', facility: 'AKB' },
          conveyance: train,
        },
      },
    ]);
    for (const [i, containerNo] of ['CSQU3054383', 'MSKU1234565'].entries()) {
      expect(mapped[i + 1].key).toBe(containerNo);
      expect(mapped[i + 1].message).toEqual(
        expect.objectContaining({
          messageId: 'CQ-STA-20260309-01:2',
          containerNo,
          status: 'DEPARTED',
          classifier: 'ACT',
          conveyance: train,
          estimatedArrival: { location: { locode: 'CNAKL' }, time: '2026-03-08T18:00:00+08:00' },
        }),
      );
    }
  });

  it('maps an estimated arrival, a gauge change onto the next train, and a customs release', () => {
    const body = `
      BGM+44+CQ-STA-20260310-07+9'
      DTM+137:20260310080000Z:304'
      STS+1+1'
      LOC+175+BYBQT:139:6+BRS:TER:ZZZ'
      DTM+132:202603121400Z:303'
      TDT+20+X8001+2'
      DTM+133:20260302:102'
      STS+1+100'
      LOC+175+CNAKL:139:6+AKB:TER:ZZZ'
      DTM+334:202603091200Z:303'
      TDT+20+X8001+2'
      DTM+133:20260302:102'
      TDT+30+KZ7001+2'
      DTM+133:20260309:102'
      STS+1+12'
      LOC+175+DEDUI:139:6+DIT:TER:ZZZ'
      DTM+334:202603200915Z:303'
      EQD+CN+CSQU3054383'
      RFF+RCN:CIMSMGS-CQ-2026-001'
    `;
    const { mapped, reasons } = readInterchange(
      interchangeBytes({ sender: 'CQRAILEDI' }, { type: 'IFTSTA', release: '00B', body }),
    );
    expect(reasons).toEqual([]);
    expect(mapped.map((m) => m.message)).toEqual([
      expect.objectContaining({ status: 'ARRIVED', classifier: 'EST', eventTime: '2026-03-12T14:00:00Z' }),
      expect.objectContaining({
        status: 'TRANSFERRED',
        toConveyance: { mode: 'RAIL', trainNo: 'KZ7001', departureDate: '2026-03-09' },
      }),
      expect.objectContaining({
        kind: 'LOADING',
        operation: 'CUSTOMS_RELEASED',
        containerNo: 'CSQU3054383',
        documents: [{ type: 'CIM_SMGS', ref: 'CIMSMGS-CQ-2026-001' }],
      }),
    ]);
  });

  it('maps a customs declaration with its broker, whose Chinese name comes in UNOW', () => {
    const body = `
      BGM+44+QZ-STA-88+9'
      DTM+137:202603031000?+08:303'
      STS+1+CDC:ZZZ:ZZZ'
      LOC+175+CNQZH:139:6+QCT:TER:ZZZ'
      DTM+334:202603030930?+08:303'
      NAD+CB+org-cn-qzbroker:160:ZZZ++钦州港报关行'
      RFF+ABT:QZ2026030300017'
      EQD+CN+CSQU3054383'
    `;
    const { mapped, reasons } = readInterchange(
      interchangeBytes({ syntax: 'UNOW:4' }, { type: 'IFTSTA', release: '00B', body }),
    );
    expect(reasons).toEqual([]);
    expect(mapped[0].message).toEqual(
      expect.objectContaining({
        operation: 'CUSTOMS_DECLARED',
        customsBroker: { orgId: 'org-cn-qzbroker', name: '钦州港报关行' },
        declarationNo: 'QZ2026030300017',
      }),
    );
  });

  it('reads agreed codes only with agency ZZZ, and only where Recommendation 24 has no code', () => {
    const status = (sts: string) => `
      BGM+44+CQ-STA-20260311-02+9'
      DTM+137:20260311080000Z:304'
      STS+1+${sts}'
      LOC+175+CNCQI:139:6+TJC:TER:ZZZ'
      DTM+334:202603110700Z:303'
      TDT+20+X8001+2'
      DTM+133:20260311:102'
    `;
    const read = (sts: string) =>
      readInterchange(interchangeBytes({ sender: 'CQRAILEDI' }, { type: 'IFTSTA', release: '00B', body: status(sts) }));
    expect(read('PAS:ZZZ:ZZZ').mapped[0].message).toEqual(expect.objectContaining({ status: 'PASSED' }));
    expect(read('24::6').mapped[0].message).toEqual(expect.objectContaining({ status: 'DEPARTED' }));
    for (const refused of ['DEP:ZZZ:ZZZ', 'PAS', '24:ZZZ:ZZZ', 'GCT:ZZZ:ZZZ']) {
      const outcome = read(refused);
      expect(outcome.mapped).toEqual([]);
      expect(outcome.aperak?.text).toContain('ERC+INVALID:ZZZ:ZZZ');
    }
    expect(read('DEP:ZZZ:ZZZ').reasons[0]).toContain('status code "DEP" (agency ZZZ) is not one of 1, 12, 16, 24,');
  });

  it('maps a cancellation (BGM function 1) to retractions of each status group of the document', () => {
    const body = `
      BGM+44+CQ-STA-20260309-01+1'
      DTM+137:20260309050000Z:304'
      STS+1+16'
      LOC+175+CNAKL:139:6+AKB:TER:ZZZ'
      DTM+334:202603090355Z:303'
      TDT+20+X8001+2'
      DTM+133:20260302:102'
      STS+1+368'
      LOC+175+CNAKL:139:6+AKB:TER:ZZZ'
      DTM+334:202603090400Z:303'
      EQD+CN+CSQU3054383'
    `;
    const { mapped, reasons } = readInterchange(
      interchangeBytes({ sender: 'CQRAILEDI' }, { type: 'IFTSTA', release: '00B', body }),
    );
    expect(reasons).toEqual([]);
    expect(mapped.map((m) => m.message)).toEqual([
      expect.objectContaining({
        messageId: 'CQ-STA-20260309-01:1:cancellation',
        retractsMessageId: 'CQ-STA-20260309-01:1',
        status: 'PASSED',
      }),
      expect.objectContaining({
        messageId: 'CQ-STA-20260309-01:2:cancellation',
        retractsMessageId: 'CQ-STA-20260309-01:2',
        operation: 'TRANSFER',
        containerNo: 'CSQU3054383',
      }),
    ]);
  });
});

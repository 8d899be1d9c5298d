import { readInterchange } from './read-interchange';
import { interchangeBytes } from './testing/interchange';

const gateIn = (containerNo: string, locode: string, time: string) => `
  BGM+34+GI-${containerNo}+9'
  DTM+137:202603011930?+08:303'
  LOC+165+${locode}:139:6'
  EQD+CN+${containerNo}+45G1:102:5++2+5'
  DTM+7:${time}'
`;

describe('APERAK: business errors refuse a message, the interchange keeps its valid ones', () => {
  it('refuses a wrong check digit, an unknown LOCODE and a time without its zone, each placed and explained', () => {
    const bytes = interchangeBytes(
      {},
      { type: 'CODECO', body: gateIn('CSQU3054383', 'CNQZH', '202603011902?+08:303') },
      { type: 'CODECO', body: gateIn('CSQU3054384', 'CNQZH', '202603011902?+08:303') },
      { type: 'CODECO', body: gateIn('MSKU1234565', 'CNXXX', '202603011902?+08:303') },
      { type: 'CODECO', body: gateIn('MSKU1234565', 'CNQZH', '202603011902:203') },
    );
    const outcome = readInterchange(bytes);
    expect(outcome.accepted).toBe(true);
    expect(outcome.mapped.map((m) => m.key)).toEqual(['CSQU3054383']);
    expect(outcome.contrl.text.match(/UCM\+M\d\+CODECO:D:95B:UN\+7'/g)).toHaveLength(4);
    const aperak = outcome.aperak?.text ?? '';
    expect(aperak).toContain("UNH+1+APERAK:D:95B:UN'");
    expect(aperak).toContain("BGM+305+IC0001-M2+27'\nRFF+ACW:M2'\nRFF+INO:IC0001'\nERC+CHKDIGIT:ZZZ:ZZZ'");
    expect(aperak).toContain('FTX+AAO++5:2+EQD (segment 5)?: CSQU3054384?: ISO 6346 check digit is 3, not 4');
    expect(aperak).toContain("ERC+UNKNLOC:ZZZ:ZZZ'\nFTX+AAO++4:2+LOC (segment 4)?: CNXXX is not a location");
    expect(aperak).toContain("ERC+NOZONE:ZZZ:ZZZ'\nFTX+AAO++6:1+DTM (segment 6)?: 202603011902 has no time zone");
    expect(outcome.reasons).toEqual([
      expect.stringMatching(/^message M2 \(CODECO\): CHKDIGIT/),
      expect.stringMatching(/^message M3 \(CODECO\): UNKNLOC/),
      expect.stringMatching(/^message M4 \(CODECO\): NOZONE/),
    ]);
  });

  it('refuses a message with a required segment missing', () => {
    const outcome = readInterchange(
      interchangeBytes(
        {},
        { type: 'CODECO', body: gateIn('CSQU3054383', 'CNQZH', '202603011902?+08:303').replace(/DTM\+137[^']*'/, '') },
      ),
    );
    expect(outcome.mapped).toEqual([]);
    expect(outcome.aperak?.text).toContain('ERC+MISSING:ZZZ:ZZZ');
  });
});

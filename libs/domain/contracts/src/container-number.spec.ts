import { containerCheckDigit, containerNoProblem, makeContainerNo } from './container-number';

describe(containerNoProblem.name, () => {
  it.each(['CSQU3054383', 'MSKU9070323', 'TGHU0433414', 'HLXU1234561'])('accepts the valid number %s', (no) => {
    expect(containerNoProblem(no)).toBeUndefined();
  });

  it('says which check digit was expected', () => {
    expect(containerNoProblem('CSQU3054384')).toBe('CSQU3054384: ISO 6346 check digit is 3, not 4');
  });

  it.each(['CSQ3054383', 'CSQX3054383', 'csqu3054383', 'CSQU305438', ''])('rejects the malformed %j', (no) => {
    expect(containerNoProblem(no)).toMatch(/not an ISO 6346 container number/);
  });
});

describe(makeContainerNo.name, () => {
  it('makes numbers that pass the check', () => {
    for (let serial = 0; serial < 2000; serial += 7) {
      const no = makeContainerNo('CRSU', serial);
      expect(containerNoProblem(no)).toBeUndefined();
      expect(Number(no[10])).toBe(containerCheckDigit(no.slice(0, 10)));
    }
  });
});

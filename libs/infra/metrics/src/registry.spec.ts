import { reasonLabel } from './registry';

describe('reasonLabel', () => {
  it('keeps the field or check and drops what varies', () => {
    expect(reasonLabel('containers[3].containerNo: MSKU1234560 check digit is 5, not 0')).toBe(
      'containers[].containerNo',
    );
    expect(reasonLabel('not JSON: Unexpected token } in JSON at position 7')).toBe('not JSON');
    expect(reasonLabel(': nothing before')).toBe('unknown');
    expect(reasonLabel('x'.repeat(100))).toHaveLength(60);
  });
});

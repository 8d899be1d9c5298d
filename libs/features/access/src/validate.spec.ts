import { AccessError } from './principal';
import { validateKeyInput, validateName, validateOrgId, validateRole } from './validate';

describe(validateRole.name, () => {
  it.each(['PORT_OFFICE', 'SHIPPER', 'PARTNER'])('accepts %s', (role) => {
    expect(validateRole(role)).toBe(role);
  });

  it.each(['shipper', 'ADMIN', '', undefined, 3])('rejects %j, naming the roles', (role) => {
    expect(() => validateRole(role)).toThrow(AccessError);
    expect(() => validateRole(role)).toThrow(/role: .* is not one of PORT_OFFICE, SHIPPER, PARTNER/);
  });
});

describe(validateOrgId.name, () => {
  it.each(['org-cq-electronics', 'ORG-SHIPPER-01', 'A1', 'x_y', `a${'b'.repeat(63)}`])('accepts %j as given', (id) => {
    expect(validateOrgId(id)).toBe(id);
  });

  it.each(['', 'a', '-org', '_org', 'org cq', 'org.cq', 'org/cq', 'orgé', `a${'b'.repeat(64)}`, undefined])(
    'rejects %j, saying what an orgId looks like',
    (id) => {
      expect(() => validateOrgId(id)).toThrow(/orgId: .* must be 2-64 letters, digits, "-" or "_"/);
    },
  );
});

describe(validateName.name, () => {
  it('trims the name and allows 100 characters, counted as characters', () => {
    expect(validateName('  Acme Logistics ')).toBe('Acme Logistics');
    expect(validateName('重'.repeat(100))).toHaveLength(100);
  });

  it.each(['', '   ', 'x'.repeat(101), 'a\nb', 'a\u0000b', undefined])('rejects %j', (name) => {
    expect(() => validateName(name)).toThrow(/name: must be 1-100 characters/);
  });
});

describe(validateKeyInput.name, () => {
  it('validates all three fields', () => {
    expect(validateKeyInput({ role: 'PARTNER', orgId: 'org-fwd-eurasia', name: ' Yuxin ' })).toEqual({
      role: 'PARTNER',
      orgId: 'org-fwd-eurasia',
      name: 'Yuxin',
    });
    expect(() => validateKeyInput({ role: 'PARTNER', orgId: 'org fwd', name: 'Yuxin' })).toThrow(AccessError);
  });
});

describe('a SOURCE_SYSTEM key', () => {
  it('names the source system it sends for, and no other key names one', () => {
    expect(
      validateKeyInput({ role: 'SOURCE_SYSTEM', orgId: 'org-qz-port', name: 'Qinzhou', source: 'LAND_SEA_CORRIDOR' }),
    ).toEqual({ role: 'SOURCE_SYSTEM', orgId: 'org-qz-port', name: 'Qinzhou', source: 'LAND_SEA_CORRIDOR' });
    expect(() => validateKeyInput({ role: 'SOURCE_SYSTEM', orgId: 'org-qz-port', name: 'Qinzhou' })).toThrow(
      'source: a SOURCE_SYSTEM key needs one of COASTAL_PORT, CHINA_EUROPE_RAIL, LAND_SEA_CORRIDOR, not undefined',
    );
    expect(() => validateKeyInput({ role: 'PARTNER', orgId: 'org-x', name: 'X', source: 'COASTAL_PORT' })).toThrow(
      'source: only a SOURCE_SYSTEM key has one, not a PARTNER key',
    );
  });
});

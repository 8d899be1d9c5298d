import { positiveSetting } from './positive-setting';

describe(positiveSetting.name, () => {
  it('takes the fallback when the setting is unset or empty, else its value', () => {
    expect(positiveSetting({}, 'X_MS', 15_000)).toBe(15_000);
    expect(positiveSetting({ X_MS: '' }, 'X_MS', 15_000)).toBe(15_000);
    expect(positiveSetting({ X_MS: '2.5' }, 'X_MS', 15_000)).toBe(2.5);
    expect(positiveSetting({ X_MS: '250' }, 'X_MS', 15_000, 'whole')).toBe(250);
  });

  it('refuses what is not a positive number, or not a whole one where one is needed, naming the setting', () => {
    expect(() => positiveSetting({ X_MS: '0' }, 'X_MS', 1)).toThrow('X_MS must be a positive number, not "0"');
    expect(() => positiveSetting({ X_MS: 'soon' }, 'X_MS', 1)).toThrow('X_MS must be a positive number');
    expect(() => positiveSetting({ X_MS: '2.5' }, 'X_MS', 1, 'whole')).toThrow(
      'X_MS must be a positive whole number, not "2.5"',
    );
  });
});

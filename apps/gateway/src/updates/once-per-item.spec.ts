import { oncePerItem } from './once-per-item';

describe('oncePerItem', () => {
  it('makes the value once per object, and again for another object', () => {
    const make = jest.fn((item: { n: number }) => ({ doubled: item.n * 2 }));
    const view = oncePerItem(make);
    const first = { n: 1 };
    expect(view(first)).toBe(view(first));
    expect(view({ n: 1 })).not.toBe(view(first));
    expect(make).toHaveBeenCalledTimes(2);
  });
});

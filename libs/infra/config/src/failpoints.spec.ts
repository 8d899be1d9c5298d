import { armFailpoints, atFailpoint, disarmFailpoints, failpointFired } from './failpoints';

describe('failpoints', () => {
  afterEach(() => disarmFailpoints());

  it('runs the call untouched when nothing is armed', async () => {
    await expect(atFailpoint('test.untouched', () => Promise.resolve(7))).resolves.toBe(7);
    expect(failpointFired('test.untouched')).toBe(0);
  });

  it('fails the chosen call once, before it is made', async () => {
    armFailpoints('test.write:once@2');
    const made: number[] = [];
    const write = (n: number) => atFailpoint('test.write', () => Promise.resolve(void made.push(n)));
    await write(1);
    await expect(write(2)).rejects.toThrow('failpoint test.write: call 2 failed before it was made');
    await write(3);
    expect(made).toEqual([1, 3]);
    expect(failpointFired('test.write')).toBe(1);
  });

  it('once-after makes the call, then fails as if its answer was lost', async () => {
    armFailpoints('test.write:once-after');
    const made: number[] = [];
    await expect(atFailpoint('test.write', () => Promise.resolve(void made.push(1)))).rejects.toThrow(
      'was made, then failed',
    );
    await atFailpoint('test.write', () => Promise.resolve(void made.push(2)));
    expect(made).toEqual([1, 2]);
    expect(failpointFired('test.write')).toBe(1);
  });

  it('refuses a spec it cannot read, naming the part', () => {
    expect(() => armFailpoints('projector.saveJourneys:twice')).toThrow('"projector.saveJourneys:twice" is not');
    expect(() => armFailpoints('save:once')).toThrow('is not <service>.<step>');
  });
});

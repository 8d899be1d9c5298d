import { parseSimulatorArgs } from './main';

describe('simulator arguments', () => {
  it('sends JSON unless --format edifact asks for UN/EDIFACT interchanges, and refuses any other format', () => {
    expect(parseSimulatorArgs([]).format).toBe('json');
    expect(parseSimulatorArgs(['--format', 'edifact', '--journeys', '5'])).toEqual(
      expect.objectContaining({ format: 'edifact', options: expect.objectContaining({ journeys: 5 }) as unknown }),
    );
    expect(() => parseSimulatorArgs(['--format', 'x12'])).toThrow('--format must be json or edifact, got "x12"');
  });
});

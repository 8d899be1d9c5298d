import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readInterchange } from './read-interchange';

describe('docs/edi.md', () => {
  it('shows a COARRI interchange that the platform reads as it says', () => {
    const doc = readFileSync(join(__dirname, '../../../../docs/edi.md'), 'utf8');
    const example = /```\n(UNA[\s\S]*?UNZ[^\n]*)\n```/.exec(doc)?.[1] ?? '';
    const outcome = readInterchange(Buffer.from(example, 'latin1'));
    expect(outcome.reasons).toEqual([]);
    expect(outcome.mapped.map((m) => [m.topic, m.key, m.message.kind])).toEqual([
      ['raw.loading.v1', 'CSQU3054383', 'LOADING'],
    ]);
  });
});

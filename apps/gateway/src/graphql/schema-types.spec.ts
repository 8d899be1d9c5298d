import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const SCHEMA_TYPES_FILE = join(__dirname, 'schema-types.ts');
const ROOT = join(__dirname, '..', '..', '..', '..');

describe('schema-types.ts', () => {
  // In a process of its own: @graphql-codegen loads ES modules, which jest's module system cannot.
  it('is what npm run codegen makes of schema.graphql now (run it after changing the schema)', () => {
    const current = execFileSync(
      process.execPath,
      ['-r', '@swc-node/register', join(__dirname, 'codegen.ts'), '--print'],
      { cwd: ROOT, encoding: 'utf8', timeout: 60_000 },
    );
    expect(readFileSync(SCHEMA_TYPES_FILE, 'utf8')).toBe(current);
  });
});

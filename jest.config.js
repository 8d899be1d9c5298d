/**
 * One jest run covers unit tests (`*.spec.ts` next to the code) and integration / end-to-end tests
 * (`test/**\/*.e2e-spec.ts`), which talk to the real Kafka and store that `npm test` brings up.
 * @type {import('jest').Config}
 */
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  },
];

// The @mmt/* aliases, from tsconfig.json's paths (their one definition).
const { paths } = require('./tsconfig.json').compilerOptions;
const aliases = Object.fromEntries(
  Object.entries(paths).map(([alias, [dir]]) => [`^${alias.replace('/', '\\/')}$`, `<rootDir>/${dir}`]),
);

const BROWSER_SUITE = '/web(-[a-z]+)?\\.e2e-spec\\.ts$';

module.exports = {
  testTimeout: 120000,
  // Two suites at a time: most integration suites spend their time waiting on Kafka and the store, so a second
  // worker shortens the run (on a 2-core machine: about 16 min instead of 26). Each suite has its own topics and
  // database, so suites do not see each other; the timed browser suites (test/web*.e2e-spec.ts, project 'browser') run after them, one at a time.
  maxWorkers: 2,
  // A suite that fails half-way can leave a Kafka consumer retrying with no owner; the run still ends and
  // reports, rather than waiting on it for ever.
  forceExit: true,
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      testRegex: '/(apps|libs|scripts|tools)/.*\\.spec\\.ts$',
      testPathIgnorePatterns: ['/node_modules/', '/\\.local/', '/dist/'],
      transform: { '^.+\\.ts$': swc },
      moduleNameMapper: aliases,
    },
    {
      displayName: 'integration',
      testEnvironment: 'node',
      roots: ['<rootDir>/test'],
      testRegex: '\\.e2e-spec\\.ts$',
      testPathIgnorePatterns: ['/node_modules/', BROWSER_SUITE],
      transform: { '^.+\\.ts$': swc },
      moduleNameMapper: aliases,
    },
    {
      // What a person sees in the browser, timed (an update on an open page within 2 s): npm test runs it on its
      // own, after the others, so that no other suite's load is in its figures.
      displayName: 'browser',
      testEnvironment: 'node',
      roots: ['<rootDir>/test'],
      testRegex: BROWSER_SUITE,
      transform: { '^.+\\.ts$': swc },
      moduleNameMapper: aliases,
    },
  ],
};

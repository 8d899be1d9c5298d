import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ApolloServer } from '@apollo/server';
import { buildSchema, Kind, parse, specifiedRules, validate } from 'graphql';
import { DocumentDepth, formatLimitError, LIMIT_RULES, QUERY_LIMITS } from './query-limits';
import { doublingFragments } from './test-documents';

const schema = buildSchema(readFileSync(join(__dirname, '..', 'schema.graphql'), 'utf8'));

function check(document: string): { errors: { message: string; code: unknown }[]; ms: number } {
  const started = performance.now();
  const errors = validate(schema, parse(document), [...specifiedRules, ...LIMIT_RULES]);
  const ms = performance.now() - started;
  return { errors: errors.map((e) => ({ message: e.message, code: e.extensions.code })), ms };
}

/** A document `depth` levels deep, each level through a fragment of its own, spread from two places. */
function deepThroughFragments(depth: number): string {
  // __schema and types are two levels; each fragment but the last adds one (ofType), the last adds name.
  return doublingFragments(depth - 2);
}

describe('query limits', () => {
  it('refuses the doubling-fragments document (23 fragments, about 1.3 KB) in well under a second, naming the limit', () => {
    const document = doublingFragments(23);
    expect(document.length).toBeLessThan(1600);
    check(doublingFragments(5)); // the first validation of a process pays for compiling graphql-js
    // The fastest of three, against a busy machine (alone it takes a few ms; a loaded 2-core machine once took
    // 50 ms): before the fix each took over 10 s, so a second still tells the two apart.
    const runs = [check(document), check(document), check(document)];
    for (const { errors } of runs) {
      expect(errors).toEqual([{ message: 'Query is 25 levels deep; the limit is 15', code: 'QUERY_TOO_DEEP' }]);
    }
    expect(Math.min(...runs.map((r) => r.ms))).toBeLessThan(1000);
  });

  it('measures each fragment once however often it is spread: work in proportion to the document', () => {
    // 400 fragments each spreading the next twice: 2^399 paths, 400 fragments to measure.
    const document = parse(doublingFragments(400));
    const fragments = new Map(
      document.definitions.flatMap((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d] as const] : [])),
    );
    let lookups = 0;
    const depth = new DocumentDepth((name) => {
      lookups += 1;
      return fragments.get(name);
    });
    const operation = document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
    expect(depth.of(operation?.kind === Kind.OPERATION_DEFINITION ? operation.selectionSet : undefined)).toBe(402);
    expect(lookups).toBe(400);
    expect(check(doublingFragments(400)).errors).toEqual([
      { message: 'Query is 402 levels deep; the limit is 15', code: 'QUERY_TOO_DEEP' },
    ]);
  });

  it('lets a deep but small query through at exactly the limit, and refuses one level more', () => {
    expect(QUERY_LIMITS.maxDepth).toBe(15);
    expect(check(deepThroughFragments(15)).errors).toEqual([]);
    expect(check(deepThroughFragments(16)).errors).toEqual([
      { message: 'Query is 16 levels deep; the limit is 15', code: 'QUERY_TOO_DEEP' },
    ]);
  });

  const ofTypes = (n: number): string => (n === 0 ? 'name' : `ofType { ${ofTypes(n - 1)} }`);

  it('measures depth the same through fragments, inline fragments and plain fields', () => {
    const plain = `{ __schema { types { fields { type { ${ofTypes(12)} } } } } }`;
    expect(check(plain).errors).toEqual([
      { message: 'Query is 17 levels deep; the limit is 15', code: 'QUERY_TOO_DEEP' },
    ]);
    const viaFragments = `
      { __schema { types { ...T } } }
      fragment T on __Type { fields { type { ... on __Type { ...O } } } kind }
      fragment O on __Type { ${ofTypes(12)} }`;
    expect(check(viaFragments).errors).toEqual([
      { message: 'Query is 17 levels deep; the limit is 15', code: 'QUERY_TOO_DEEP' },
    ]);
    // The same fragment, reached at different depths: the deepest path counts.
    const reused = `
      { __schema { queryType { ...O } types { fields { type { ...O } } } } }
      fragment O on __Type { ${ofTypes(12)} }`;
    expect(check(reused).errors).toEqual([
      { message: 'Query is 17 levels deep; the limit is 15', code: 'QUERY_TOO_DEEP' },
    ]);
  });

  it('measures each operation of a document on its own', () => {
    const document = `
      query Shallow { __schema { types { ...A } } }
      query Deep { __schema { types { fields { type { ...A } } } } }
      fragment A on __Type { ${ofTypes(11)} }`;
    expect(check(document).errors).toEqual([
      { message: 'Query is 16 levels deep; the limit is 15', code: 'QUERY_TOO_DEEP' },
    ]);
  });

  it('does not loop on fragment cycles, which the standard rules refuse', () => {
    const document = `{ __schema { types { ...A } } }
      fragment A on __Type { ofType { ...B } }
      fragment B on __Type { ofType { ...A } name }`;
    const { errors } = check(document);
    expect(errors.map((e) => e.message)).toContain('Cannot spread fragment "A" within itself via "B".');
  });

  it('keeps the alias and field-count limits, with their codes', () => {
    const aliases = `{ ${Array.from({ length: 31 }, (_, i) => `a${i}: journeys(first: 1) { endCursor }`).join(' ')} }`;
    expect(check(aliases).errors).toEqual([
      { message: 'Query uses 31 aliases; the limit is 30', code: 'TOO_MANY_ALIASES' },
    ]);
    const costly = `{ journeys { nodes { ${'journeyId '.repeat(600)} } } }`;
    expect(check(costly).errors).toEqual([
      { message: 'Query selects 602 fields; the limit is 500', code: 'QUERY_TOO_COSTLY' },
    ]);
    expect(check(`{ journeys(first: 1) { endCursor nodes { journeyId containerNo } } }`).errors).toEqual([]);
  });

  it("keeps each limit's own code when Apollo reports it over HTTP (not GRAPHQL_VALIDATION_FAILED)", async () => {
    const server = new ApolloServer({
      typeDefs: readFileSync(join(__dirname, '..', 'schema.graphql'), 'utf8'),
      validationRules: LIMIT_RULES,
      formatError: formatLimitError,
    });
    await server.start();
    const codes = async (query: string) => {
      const response = await server.executeOperation({ query });
      return response.body.kind === 'single' ? response.body.singleResult.errors?.map((e) => e.extensions?.code) : [];
    };
    try {
      expect(await codes(doublingFragments(23))).toEqual(['QUERY_TOO_DEEP']);
      const aliases = `{ ${Array.from({ length: 31 }, (_, i) => `a${i}: __typename`).join(' ')} }`;
      expect(await codes(aliases)).toEqual(['TOO_MANY_ALIASES']);
      expect(await codes(`{ journeys { nodes { ${'journeyId '.repeat(600)} } } }`)).toEqual(['QUERY_TOO_COSTLY']);
      expect(await codes('{ journeys { nope } }')).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    } finally {
      await server.stop();
    }
  });
});

import { ApolloServer } from '@apollo/server';
import { buildSchema, type GraphQLFieldResolver } from 'graphql';
import { RequestBudget, timeBudgetPlugin, withTimeBudget } from './time-budget';

/** The slow resolvers go on after their request has been answered: their timers must not hold jest open. */
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms).unref());

/** A small schema whose resolvers take as long as asked: the budget is measured, not the store. */
function slowSchema() {
  const schema = buildSchema(`
    type Query { wait(ms: Int!): Item!, items(n: Int!, ms: Int!): [Item!]!, fast: String! }
    type Item { ms: Int!, slow: String! }
  `);
  const resolvers: Record<string, Record<string, GraphQLFieldResolver<unknown, unknown>>> = {
    Query: {
      wait: async (_, args: { ms: number }) => {
        await sleep(args.ms);
        return { ms: args.ms };
      },
      items: (_, args: { n: number; ms: number }) => Array.from({ length: args.n }, () => ({ ms: args.ms })),
      fast: () => 'fast',
    },
    Item: {
      slow: async (item) => {
        await sleep((item as { ms: number }).ms);
        return 'done';
      },
    },
  };
  for (const [typeName, fields] of Object.entries(resolvers)) {
    const type = schema.getType(typeName) as unknown as { getFields(): Record<string, { resolve?: unknown }> };
    for (const [name, resolve] of Object.entries(fields)) {
      type.getFields()[name].resolve = resolve;
    }
  }
  return withTimeBudget(schema);
}

type Body = { data?: unknown; errors?: { message: string; path?: unknown; extensions?: { code?: unknown } }[] };

async function run(server: ApolloServer, query: string): Promise<{ body: Body; ms: number }> {
  const started = performance.now();
  const response = await server.executeOperation({ query }, { contextValue: {} });
  const ms = performance.now() - started;
  if (response.body.kind !== 'single') {
    throw new Error('expected a single result');
  }
  return { body: response.body.singleResult as Body, ms };
}

describe('request time budget', () => {
  // Generous numbers: the machine running the tests may be busy. A slow resolver takes 20 s; the budget is 400 ms.
  const server = new ApolloServer({ schema: slowSchema(), plugins: [timeBudgetPlugin(400)] });
  beforeAll(async () => {
    await server.start();
    await run(server, '{ fast wait(ms: 1) { ms slow } }'); // the first request pays for compiling the server
  });
  afterAll(() => server.stop());

  it('answers a request within its budget as usual', async () => {
    const { body } = await run(server, '{ wait(ms: 10) { ms slow } fast }');
    expect(body).toEqual({ data: { wait: { ms: 10, slow: 'done' }, fast: 'fast' } });
  });

  it('ends a request when its budget runs out, with one error that names the budget, and serves others meanwhile', async () => {
    const answered: string[] = [];
    const slow = run(server, '{ wait(ms: 20000) { ms } }').then((result) => {
      answered.push('slow');
      return result;
    });
    const others = await Promise.all(
      Array.from({ length: 5 }, () =>
        run(server, '{ fast }').then((result) => {
          answered.push('fast');
          return result;
        }),
      ),
    );
    for (const other of others) {
      expect(other.body).toEqual({ data: { fast: 'fast' } });
    }
    const { body, ms } = await slow;
    expect(answered).toEqual(['fast', 'fast', 'fast', 'fast', 'fast', 'slow']);
    expect(ms).toBeGreaterThanOrEqual(395);
    expect(ms).toBeLessThan(5000);
    expect(body.data).toBeNull();
    expect(body.errors).toEqual([
      expect.objectContaining({
        message: 'Query exceeded the time budget of 400 ms per request',
        path: ['wait'],
        extensions: expect.objectContaining({ code: 'QUERY_TOO_SLOW' }) as unknown,
      }),
    ]);
  });

  it('reports a budget spent by many fields at once as one error', async () => {
    const { body, ms } = await run(server, '{ items(n: 50, ms: 20000) { slow } }');
    expect(ms).toBeLessThan(5000);
    expect(body.errors?.map((e) => e.extensions?.code)).toEqual(['QUERY_TOO_SLOW']);
  });

  it('leaves resolvers alone outside a budgeted request (graphql-ws subscription events)', async () => {
    const schema = slowSchema();
    const plain = new ApolloServer({ schema });
    await plain.start();
    const { body } = await run(plain, '{ wait(ms: 150) { ms } }');
    await plain.stop();
    expect(body).toEqual({ data: { wait: { ms: 150 } } });
  });
});

describe(RequestBudget.name, () => {
  it('refuses to start a resolver once the deadline has passed', () => {
    const budget = new RequestBudget(50, Date.now() - 60);
    expect(() => budget.check()).toThrow('Query exceeded the time budget of 50 ms per request');
    expect(() => new RequestBudget(50).check()).not.toThrow();
  });

  it('lets a value that comes in time through, and leaves no timer behind', async () => {
    const budget = new RequestBudget(1000);
    await expect(budget.race(Promise.resolve(7))).resolves.toBe(7);
    budget.end();
  });
});

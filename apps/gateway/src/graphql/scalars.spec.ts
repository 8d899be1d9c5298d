import 'reflect-metadata';
import { type INestApplication, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { Args, GraphQLModule, Query, Resolver } from '@nestjs/graphql';
import { formatGatewayError } from './format-error';
import { SCALARS } from './scalars';

/** Echoes what the resolver received, so a test sees the value after the scalar. */
@Resolver()
class EchoResolver {
  @Query('container')
  container(@Args('no') no: string) {
    return no;
  }

  @Query('containers')
  containers(@Args('filter') filter: { containerNos: string[] }) {
    return filter.containerNos;
  }

  @Query('place')
  place(@Args('locode') locode: string) {
    return locode;
  }

  @Query('instant')
  instant(@Args('at') at: string) {
    return at;
  }
}

@Module({
  imports: [
    GraphQLModule.forRoot<ApolloDriverConfig>({
      driver: ApolloDriver,
      typeDefs: `"described in the schema" scalar ContainerNumber
        scalar Locode
        scalar DateTime
        input Filter { containerNos: [ContainerNumber!] }
        type Query {
          container(no: ContainerNumber!): ContainerNumber!
          containers(filter: Filter!): [ContainerNumber!]!
          place(locode: Locode!): Locode!
          instant(at: DateTime!): DateTime!
        }`,
      resolvers: SCALARS,
      formatError: formatGatewayError,
    }),
  ],
  providers: [EchoResolver],
})
class EchoModule {}

interface Answer {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

describe('the ContainerNumber, Locode and DateTime scalars', () => {
  let app: INestApplication;
  let url: string;

  beforeAll(async () => {
    app = await NestFactory.create(EchoModule, { logger: false });
    await app.listen(0, '127.0.0.1');
    const server = app.getHttpServer() as { address(): { port: number } };
    url = `http://127.0.0.1:${server.address().port}/graphql`;
  });

  afterAll(() => app.close());

  async function ask(query: string, variables: Record<string, unknown> = {}): Promise<Answer> {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as Answer;
  }

  it('cleans a container number once, written in the query, as a variable or in an input list', async () => {
    expect((await ask('{ container(no: " csqu3054383 ") }')).data).toEqual({ container: 'CSQU3054383' });
    expect((await ask('query ($n: ContainerNumber!) { container(no: $n) }', { n: 'csqu3054383' })).data).toEqual({
      container: 'CSQU3054383',
    });
    const listed = await ask('query ($f: Filter!) { containers(filter: $f) }', {
      f: { containerNos: ['csqu3054383', 'CSQU3054383 '] },
    });
    expect(listed.data).toEqual({ containers: ['CSQU3054383', 'CSQU3054383'] });
  });

  it('refuses a bad check digit with BAD_USER_INPUT and says which digit was expected', async () => {
    const literal = await ask('{ container(no: "CSQU3054384") }');
    expect(literal.errors?.[0]).toMatchObject({
      message: 'CSQU3054384: ISO 6346 check digit is 3, not 4',
      extensions: { code: 'BAD_USER_INPUT' },
    });
    const variable = await ask('query ($n: ContainerNumber!) { container(no: $n) }', { n: 'CSQU3054384' });
    expect(variable.errors?.[0]).toMatchObject({
      message: 'Variable "$n" got invalid value "CSQU3054384"; CSQU3054384: ISO 6346 check digit is 3, not 4',
      extensions: { code: 'BAD_USER_INPUT' },
    });
  });

  it('refuses what is not shaped like a container number, and a non-string', async () => {
    expect((await ask('{ container(no: "ABC") }')).errors?.[0]).toMatchObject({
      message: expect.stringContaining('"ABC" is not an ISO 6346 container number') as unknown,
      extensions: { code: 'BAD_USER_INPUT' },
    });
    expect((await ask('{ container(no: 42) }')).errors?.[0]).toMatchObject({
      message: 'ContainerNumber is a string, not IntValue',
      extensions: { code: 'BAD_USER_INPUT' },
    });
    const listed = await ask('query ($f: Filter!) { containers(filter: $f) }', { f: { containerNos: ['X', 1] } });
    expect(listed.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT', 'BAD_USER_INPUT']);
  });

  it('keeps the description the schema gives', async () => {
    const described = await ask('{ __type(name: "ContainerNumber") { description } }');
    expect(described.data).toEqual({ __type: { description: 'described in the schema' } });
  });

  it('takes a UN/LOCODE as it is and refuses any other', async () => {
    expect((await ask('{ place(locode: "CNQZH") }')).data).toEqual({ place: 'CNQZH' });
    expect((await ask('{ place(locode: "cnqzh") }')).errors?.[0]).toMatchObject({
      message: 'Not a UN/LOCODE (5 characters, e.g. CNQZH): "cnqzh"',
      extensions: { code: 'BAD_USER_INPUT' },
    });
  });

  it('takes a date-time with an offset and refuses one without', async () => {
    const at = '2026-03-02T08:00:00+08:00';
    expect((await ask('query ($at: DateTime!) { instant(at: $at) }', { at })).data).toEqual({ instant: at });
    expect((await ask('{ instant(at: "2026-04-10") }')).errors?.[0]).toMatchObject({
      message: '"2026-04-10" is not an ISO 8601 date-time with an offset',
      extensions: { code: 'BAD_USER_INPUT' },
    });
    expect((await ask('{ instant(at: "2026-13-45T00:00:00Z") }')).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

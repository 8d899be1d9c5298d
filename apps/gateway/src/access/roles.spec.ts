import 'reflect-metadata';
import { Controller, Get, type INestApplication, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { Context, GraphQLModule, Mutation, Query, Resolver, Subscription } from '@nestjs/graphql';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import type { Principal, Role } from '@mmt/access';
import type { GatewayContext } from './gateway-context';
import { Roles } from './roles';

/** The caller's role comes from a header (HTTP) or the connection's params (graphql-ws): no keys, no store. */
const principalOf = (role: unknown): Principal => ({ role: role as Role, orgId: 'ORG', name: 'test', keyId: 'k' });

@Resolver()
class GuardedResolver {
  @Query('open')
  open() {
    return 'open';
  }

  @Query('office')
  @Roles(['PORT_OFFICE'], (role) => `office only: a ${role} key cannot`)
  office() {
    return 'office';
  }

  @Mutation('publish')
  @Roles(['PORT_OFFICE'], (role) => `publish only: a ${role} key cannot`)
  publish(@Context() context: GatewayContext) {
    return context.principal.role;
  }

  @Subscription('ticks', { resolve: (tick: number) => tick })
  @Roles(['PORT_OFFICE', 'PARTNER'], (role) => `ticks only: a ${role} key cannot`)
  ticks() {
    return (async function* () {
      yield await Promise.resolve(1);
    })();
  }
}

@Controller('v2')
@Roles(['PARTNER'], (role) => `partners only: a ${role} key cannot`)
class GuardedController {
  @Get('thing')
  thing() {
    return { ok: true };
  }
}

@Module({
  imports: [
    GraphQLModule.forRoot<ApolloDriverConfig>({
      driver: ApolloDriver,
      typeDefs: `type Query { open: String! office: String! }
        type Mutation { publish: String! }
        type Subscription { ticks: Int! }`,
      context: (arg: { req?: { headers: Record<string, string> }; connectionParams?: { role?: string } }) => ({
        principal: principalOf(arg.connectionParams?.role ?? arg.req?.headers['x-role']),
      }),
      subscriptions: { 'graphql-ws': true },
    }),
  ],
  providers: [GuardedResolver],
  controllers: [GuardedController],
})
class GuardedModule {}

describe('@Roles', () => {
  let app: INestApplication;
  let url: string;

  beforeAll(async () => {
    app = await NestFactory.create(GuardedModule, { logger: false });
    // What ApiKeyGuard does for the partner routes: the caller on the request.
    app.use((req: { headers: Record<string, string>; principal?: Principal }, _res: unknown, next: () => void) => {
      req.principal = principalOf(req.headers['x-role']);
      next();
    });
    await app.listen(0, '127.0.0.1');
    const server = app.getHttpServer() as { address(): { port: number } };
    url = `http://127.0.0.1:${server.address().port}`;
  });

  afterAll(() => app.close());

  async function graphql(role: Role, text: string) {
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-role': role },
      body: JSON.stringify({ query: text }),
    });
    return (await response.json()) as {
      data?: unknown;
      errors?: { message: string; extensions?: { code?: string } }[];
    };
  }

  function subscribe(role: Role): Promise<{ data?: unknown; error?: { message: string; extensions?: unknown } }> {
    const client = createClient({
      url: url.replace(/^http/, 'ws') + '/graphql',
      webSocketImpl: WebSocket,
      connectionParams: { role },
      retryAttempts: 0,
    });
    return new Promise((resolve) => {
      client.subscribe(
        { query: 'subscription { ticks }' },
        {
          next: (result) => {
            resolve(result.errors ? { error: result.errors[0] as never } : { data: result.data });
          },
          error: (error) => resolve({ error: (Array.isArray(error) ? error[0] : error) as never }),
          complete: () => undefined,
        },
      );
    }).finally(() => client.dispose()) as never;
  }

  it('lets every role call a handler without a rule', async () => {
    expect((await graphql('SHIPPER', '{ open }')).data).toEqual({ open: 'open' });
  });

  it('lets a named role call a query and a mutation', async () => {
    expect((await graphql('PORT_OFFICE', '{ office }')).data).toEqual({ office: 'office' });
    expect((await graphql('PORT_OFFICE', 'mutation { publish }')).data).toEqual({ publish: 'PORT_OFFICE' });
  });

  it('refuses another role a query and a mutation with FORBIDDEN and the rule own message', async () => {
    const query = await graphql('SHIPPER', '{ office }');
    expect(query.errors?.[0]).toMatchObject({
      message: 'office only: a SHIPPER key cannot',
      extensions: { code: 'FORBIDDEN' },
    });
    const mutation = await graphql('PARTNER', 'mutation { publish }');
    expect(mutation.errors?.[0]).toMatchObject({
      message: 'publish only: a PARTNER key cannot',
      extensions: { code: 'FORBIDDEN' },
    });
  });

  it('guards a subscription', async () => {
    expect(await subscribe('PARTNER')).toEqual({ data: { ticks: 1 } });
    expect(await subscribe('SHIPPER')).toMatchObject({
      error: { message: 'ticks only: a SHIPPER key cannot', extensions: { code: 'FORBIDDEN' } },
    });
  });

  it('guards an HTTP route, rule on the class: 403 for another role', async () => {
    expect((await fetch(`${url}/v2/thing`, { headers: { 'x-role': 'PARTNER' } })).status).toBe(200);
    const refused = await fetch(`${url}/v2/thing`, { headers: { 'x-role': 'SHIPPER' } });
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { message: string }).message).toBe('partners only: a SHIPPER key cannot');
  });
});

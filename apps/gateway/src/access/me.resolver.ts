import { Context, Query, Resolver } from '@nestjs/graphql';
import type { Caller } from '../graphql/schema-types';
import type { Served } from '../graphql/served';
import type { GatewayContext } from './gateway-context';

/** The caller as its API key establishes it: nothing more than the key already tells its holder. */
@Resolver()
export class MeResolver {
  @Query('me')
  me(@Context() { principal }: GatewayContext): Served<Caller> {
    return { keyId: principal.keyId, role: principal.role, orgId: principal.orgId, name: principal.name };
  }
}

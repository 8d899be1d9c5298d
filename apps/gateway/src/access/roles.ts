import {
  applyDecorators,
  type CanActivate,
  type ExecutionContext,
  ForbiddenException,
  Injectable,
  SetMetadata,
  UseGuards,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext, type GqlContextType } from '@nestjs/graphql';
import type { Principal, Role } from '@mmt/access';
import { forbidden } from '../graphql-errors';
import type { GatewayContext } from './gateway-context';

/** Who may call a handler, and what a caller of another role is told. */
export interface RoleRule {
  readonly roles: readonly Role[];
  /** What a caller of another role is told, e.g. `a SHIPPER key cannot read them`. */
  readonly refusal: (role: Role) => string;
}

const ROLE_RULE = 'mmt:roles';

/**
 * Lets only the given roles call a GraphQL query, mutation or subscription, or an HTTP route (after ApiKeyGuard,
 * which finds the caller). On a class it covers every handler of the class; a handler's own rule wins.
 */
export function Roles(roles: readonly Role[], refusal: RoleRule['refusal']): ClassDecorator & MethodDecorator {
  return applyDecorators(SetMetadata(ROLE_RULE, { roles, refusal } satisfies RoleRule), UseGuards(RolesGuard));
}

/** The caller of a GraphQL operation (its context) or of an HTTP request (put there by ApiKeyGuard). */
function callerOf(context: ExecutionContext): Principal | undefined {
  if (context.getType<GqlContextType>() === 'graphql') {
    return GqlExecutionContext.create(context).getContext<GatewayContext>().principal;
  }
  return context.switchToHttp().getRequest<{ principal?: Principal }>().principal;
}

/** Refuses a caller whose role the handler's @Roles rule does not name: FORBIDDEN on GraphQL, 403 over HTTP. */
@Injectable()
export class RolesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const rule = this.reflector.getAllAndOverride<RoleRule | undefined>(ROLE_RULE, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (rule === undefined) {
      return true;
    }
    const caller = callerOf(context);
    if (caller !== undefined && rule.roles.includes(caller.role)) {
      return true;
    }
    const message =
      caller === undefined ? `This needs an API key of role ${rule.roles.join(' or ')}` : rule.refusal(caller.role);
    throw context.getType<GqlContextType>() === 'graphql' ? forbidden(message) : new ForbiddenException(message);
  }
}

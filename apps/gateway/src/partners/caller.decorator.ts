import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Principal } from '@mmt/access';
import type { PartnerRequest } from './partner-http';

/** The principal of the request's API key, as ApiKeyGuard found it. */
export const Caller = createParamDecorator(
  (_: unknown, context: ExecutionContext): Principal => context.switchToHttp().getRequest<PartnerRequest>().principal!,
);

import { type CanActivate, type ExecutionContext, Injectable, UnauthorizedException } from '@nestjs/common';
import { apiKeyFromHeaders, ApiKeysRepository, refusalMessage, type Principal } from '@mmt/access';
import type { IncomingHttpHeaders } from 'node:http';

/**
 * A request that sends interchanges carries an API key (`x-api-key`, or `Authorization: Bearer`); its principal is
 * put on the request for @Roles and the handler. A missing, unknown, revoked or expired key is a 401 that says which.
 */
@Injectable()
export class InterchangeKeyGuard implements CanActivate {
  constructor(private readonly keys: ApiKeysRepository) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<{ headers: IncomingHttpHeaders; principal?: Principal }>();
    const check = await this.keys.check(apiKeyFromHeaders(req.headers), 'interchanges');
    if (!check.ok) {
      throw new UnauthorizedException(refusalMessage(check.refusal));
    }
    req.principal = check.principal;
    return true;
  }
}

import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { apiKeyFromHeaders, ApiKeysRepository, refusalMessage, type KeyRefusal } from '@mmt/access';
import { DcsaError } from './dcsa-error';
import type { PartnerRequest } from './partner-http';

const REALM = 'mmt partner API';

/**
 * The challenge of a 401 (RFC 6750 §3, for `Authorization: Bearer <key>`; the same key may come in `x-api-key`):
 * without a key, just the realm; with one refused, `invalid_token` and why, in words without quotes.
 */
export function challenge(refusal: KeyRefusal): string {
  if (refusal.reason === 'missing') {
    return `Bearer realm="${REALM}"`;
  }
  const description = refusalMessage(refusal).replace(/["\\]/g, "'");
  return `Bearer realm="${REALM}", error="invalid_token", error_description="${description}"`;
}

/**
 * Every partner request carries an API key (`x-api-key`, or `Authorization: Bearer`), as on GraphQL. The key's
 * principal is put on the request for the handlers (@Caller); a missing, unknown, revoked or expired key is a 401
 * with a DCSA error body that says which, and a WWW-Authenticate challenge.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(private readonly keys: ApiKeysRepository) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<PartnerRequest>();
    const check = await this.keys.check(apiKeyFromHeaders(req.headers));
    if (!check.ok) {
      throw new DcsaError(401, 'unauthorized', [refusalMessage(check.refusal)], {
        'WWW-Authenticate': challenge(check.refusal),
      });
    }
    req.principal = check.principal;
    return true;
  }
}

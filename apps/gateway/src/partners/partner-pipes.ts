import { Injectable, type PipeTransform } from '@nestjs/common';
import {
  callbackPolicyFromEnv,
  callbackUrlProblem,
  parseEventsQuery,
  parseListQuery,
  parseSecretBody,
  parseSubscriptionBody,
  type Parsed,
} from '@mmt/dcsa';
import { DcsaError } from './dcsa-error';

function accepted<T>(parsed: Parsed<T>, reason: string): T {
  if (!parsed.ok) {
    throw new DcsaError(400, reason, parsed.errors);
  }
  return parsed.value;
}

/** `GET /v2/events`'s query: filters, dates, limit, sort, or a signed cursor (see requests.ts). */
@Injectable()
export class EventsQueryPipe implements PipeTransform<Record<string, unknown>> {
  transform(query: Record<string, unknown>) {
    return accepted(parseEventsQuery(query), 'invalidQuery');
  }
}

/** `limit`, `sort` and the signed cursor of the subscription list or of a subscription's attempts. */
export class ListQueryPipe<K extends 'subscriptions' | 'attempts'> implements PipeTransform<Record<string, unknown>> {
  constructor(private readonly list: K) {}

  transform(query: Record<string, unknown>) {
    return accepted(parseListQuery(query, this.list), 'invalidQuery');
  }
}

/**
 * A subscription body on create or update, then its callback URL against the callback rules (callback-url.ts:
 * no internal addresses, no credentials; WEBHOOK_ALLOWED_HOSTS read on each call). The messages name the host at
 * most, never a URL's credentials.
 */
export class SubscriptionBodyPipe implements PipeTransform<unknown> {
  constructor(private readonly mode: 'create' | 'update') {}

  async transform(body: unknown) {
    const parsed = parseSubscriptionBody(body, this.mode);
    const url = (body as { callbackUrl?: unknown } | undefined)?.callbackUrl;
    const urlRefused = !parsed.ok && parsed.errors.some((error) => error.startsWith('callbackUrl:'));
    const problem =
      typeof url === 'string' && !urlRefused ? await callbackUrlProblem(url, callbackPolicyFromEnv()) : undefined;
    if (problem !== undefined) {
      throw new DcsaError(400, 'invalidInput', [problem, ...(parsed.ok ? [] : parsed.errors)]);
    }
    return accepted(parsed, 'invalidInput');
  }
}

/** `PUT …/secret`'s body: the secret and nothing else. */
@Injectable()
export class SecretBodyPipe implements PipeTransform<unknown> {
  transform(body: unknown) {
    return accepted(parseSecretBody(body), 'invalidInput');
  }
}

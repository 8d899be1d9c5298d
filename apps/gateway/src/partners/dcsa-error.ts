import { STATUS_CODES } from 'node:http';
import { HttpException } from '@nestjs/common';
import type { PartnerRequest } from './partner-http';

/**
 * A refusal in DCSA's terms: the status, a reason (DCSA's examples: `invalidQuery`; the platform also uses
 * `invalidInput`, `invalidHeader`, `unauthorized`, `notFound`, `payloadTooLarge`, `internalError`), one message per
 * thing to fix, and headers to send with it (a 401's challenge). DcsaExceptionFilter turns it into the error body.
 */
export class DcsaError extends HttpException {
  constructor(
    status: number,
    readonly reason: string,
    readonly messages: readonly string[],
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(messages.join('; '), status);
  }
}

/** DCSA's error body (ERROR_DOMAIN 1.0.0): what was asked, the status, when, and one entry per reason. */
export function dcsaErrorBody(req: PartnerRequest, status: number, reason: string, messages: readonly string[]) {
  return {
    httpMethod: req.method,
    requestUri: req.originalUrl,
    statusCode: status,
    statusCodeText: STATUS_CODES[status] ?? 'Error',
    errorDateTime: new Date().toISOString(),
    errors: messages.map((message) => ({ reason, message })),
  };
}

/** `Payload Too Large` → `payloadTooLarge`: the reason a status gives when nothing more precise is known. */
export function reasonOf(status: number): string {
  const words = (STATUS_CODES[status] ?? 'error').replace(/[^A-Za-z ]/g, '').split(' ');
  return words.map((word, i) => (i === 0 ? word.toLowerCase() : word[0].toUpperCase() + word.slice(1))).join('');
}

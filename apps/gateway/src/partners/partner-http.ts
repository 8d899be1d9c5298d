import type { Principal } from '@mmt/access';

/** What the partner API uses of Express's request (the platform has no Express typings). */
export interface PartnerRequest {
  readonly method: string;
  readonly originalUrl: string;
  readonly url: string;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly query: Record<string, unknown>;
  readonly params: Record<string, string>;
  readonly body?: unknown;
  /** The key's principal, set by ApiKeyGuard. */
  principal?: Principal;
}

/** What the partner API uses of Express's response. */
export interface PartnerResponse {
  readonly headersSent: boolean;
  status(code: number): PartnerResponse;
  setHeader(name: string, value: string): void;
  json(body: unknown): void;
  type(type: string): PartnerResponse;
  send(body?: string): void;
}

/** Whether a request is the partner API's: everything under /v2 (GraphQL and the rest keep their own errors). */
export function isPartnerPath(url: string): boolean {
  const path = url.split('?')[0];
  return path === '/v2' || path.startsWith('/v2/');
}

/** A link to the same path with these query parameters, as the page headers (Next-Page, …) carry. */
export function pageLink(req: PartnerRequest, params: Record<string, string>): string {
  return `${req.originalUrl.split('?')[0]}?${new URLSearchParams(params).toString()}`;
}

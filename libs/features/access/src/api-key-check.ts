import type { Principal } from './principal';

/**
 * Why a request's key was refused. Only the holder of the whole key learns that it expired (the store is looked
 * up by the key's hash), so saying so tells nothing to someone guessing keys. Unknown and revoked keys share one
 * answer, as before expiry existed.
 */
export type KeyRefusal =
  | { readonly reason: 'missing' }
  | { readonly reason: 'unknown' }
  | { readonly reason: 'expired'; readonly keyId: string; readonly expiredAt: string }
  | { readonly reason: 'sender-only'; readonly keyId: string };

/**
 * What a key is presented for: to read (GraphQL, graphql-ws, the partner API), which a SOURCE_SYSTEM key may not,
 * or to send UN/EDIFACT interchanges (`POST /edi/interchanges`, where the route's roles decide).
 */
export type KeyUse = 'read' | 'interchanges';

/** What `ApiKeysRepository.check` finds for a presented key. */
export type KeyCheck =
  | { readonly ok: true; readonly principal: Principal; readonly expiresAt?: string }
  | { readonly ok: false; readonly refusal: KeyRefusal };

/** The sentence a 401 carries, the same on GraphQL, graphql-ws and the partner API. */
export function refusalMessage(refusal: KeyRefusal): string {
  switch (refusal.reason) {
    case 'missing':
      return 'No API key: send it in the x-api-key header (or Authorization: Bearer <key>)';
    case 'unknown':
      return 'API key not recognised or revoked';
    case 'expired':
      return `API key ${refusal.keyId} expired on ${refusal.expiredAt}: use the key that replaced it, or ask for a new one`;
    case 'sender-only':
      return `API key ${refusal.keyId} is a SOURCE_SYSTEM key: it may only send interchanges to POST /edi/interchanges`;
  }
}

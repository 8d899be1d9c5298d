import type { SourceSystem } from '@mmt/contracts';

/**
 * What an API key may do: `PORT_OFFICE` see everything, `SHIPPER` and `PARTNER` only their organisation's
 * journeys; `SOURCE_SYSTEM` see nothing, only send UN/EDIFACT interchanges as its organisation's source system.
 */
export const ROLES = ['PORT_OFFICE', 'SHIPPER', 'PARTNER', 'SOURCE_SYSTEM'] as const;
export type Role = (typeof ROLES)[number];

/** Who is calling, as established by an API key. The tenant (`orgId`) always comes from here, never from a query. */
export interface Principal {
  keyId: string;
  role: Role;
  orgId: string;
  name: string;
  /** SOURCE_SYSTEM keys only: the source system its interchanges come from (their UNB sender must be it). */
  source?: SourceSystem;
}

/** Invalid input to the access functions; the message says what to fix. */
export class AccessError extends Error {
  override readonly name = 'AccessError';
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

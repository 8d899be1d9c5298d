/** What an API key may see: `PORT_OFFICE` everything, `SHIPPER` and `PARTNER` only their organisation's journeys. */
export const ROLES = ['PORT_OFFICE', 'SHIPPER', 'PARTNER'] as const;
export type Role = (typeof ROLES)[number];

/** Who is calling, as established by an API key. The tenant (`orgId`) always comes from here, never from a query. */
export interface Principal {
  keyId: string;
  role: Role;
  orgId: string;
  name: string;
}

/** Invalid input to the access functions; the message says what to fix. */
export class AccessError extends Error {
  override readonly name = 'AccessError';
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

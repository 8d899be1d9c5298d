import type { Principal } from './principal';

/** Whether the principal may see a journey: PORT_OFFICE sees all, others only journeys their organisation is party to. */
export function canSee(principal: Principal, journey: { readonly orgIds: readonly string[] }): boolean {
  switch (principal.role) {
    case 'PORT_OFFICE':
      return true;
    case 'SHIPPER':
    case 'PARTNER':
      return journey.orgIds.includes(principal.orgId);
  }
}

/** The same rule as a MongoDB filter on `journeys`, to be combined (`$and`) with the query's own filter. */
export function journeyScopeFilter(principal: Principal): Record<string, unknown> {
  switch (principal.role) {
    case 'PORT_OFFICE':
      return {};
    case 'SHIPPER':
    case 'PARTNER':
      return { orgIds: principal.orgId };
  }
}

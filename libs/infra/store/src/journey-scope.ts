import { orgKey } from './journey-document';

/**
 * Which journeys a reader may see: every journey, or those an organisation is party to. The access library
 * decides who gets which scope; this library turns a scope into what the store reads (a list key, a check).
 */
export type JourneyScope = { readonly every: true } | { readonly partyOrgId: string };

/** Whether a journey lies within the scope: a party's organisation is compared as orgKey spells it. */
export function inScope(scope: JourneyScope, journey: { readonly orgIds: readonly string[] }): boolean {
  if ('every' in scope) {
    return true;
  }
  const own = orgKey(scope.partyOrgId);
  return journey.orgIds.some((orgId) => orgKey(orgId) === own);
}

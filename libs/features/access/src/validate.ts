import { AccessError, isRole, type Role } from './principal';

/**
 * An organisation id as the source systems send it, e.g. `org-cq-electronics` or `ORG-SHIPPER-01`.
 * Letters are accepted in either case and the id is kept exactly as given (it is what `keys list` shows), but
 * access compares organisation ids case-insensitively (orgKey): a key for `ORG-CQ-ELECTRONICS` sees the journeys
 * whose documents name `org-cq-electronics`.
 */
export const ORG_ID_PATTERN = /^[A-Z0-9][A-Z0-9_-]{1,63}$/i;
export const MAX_NAME_LENGTH = 100;

export interface KeyInput {
  role: Role;
  orgId: string;
  name: string;
}

export function validateRole(role: unknown): Role {
  if (!isRole(role)) {
    throw new AccessError(`role: ${JSON.stringify(role)} is not one of PORT_OFFICE, SHIPPER, PARTNER`);
  }
  return role;
}

export function validateOrgId(orgId: unknown): string {
  if (typeof orgId !== 'string' || !ORG_ID_PATTERN.test(orgId)) {
    throw new AccessError(
      `orgId: ${JSON.stringify(orgId)} must be 2-64 letters, digits, "-" or "_", starting with a letter or digit (e.g. org-cq-electronics)`,
    );
  }
  return orgId;
}

/** A human-readable label for the key (who it was issued to); surrounding spaces are dropped. */
export function validateName(name: unknown): string {
  const trimmed = typeof name === 'string' ? name.trim() : '';
  const length = [...trimmed].length;
  // eslint-disable-next-line no-control-regex
  if (length < 1 || length > MAX_NAME_LENGTH || /[\u0000-\u001f\u007f]/.test(trimmed)) {
    throw new AccessError(`name: must be 1-${MAX_NAME_LENGTH} characters without control characters`);
  }
  return trimmed;
}

/** Checks all three, so that a caller (e.g. the CLI) can reject bad input before touching the store. */
export function validateKeyInput(input: { role: unknown; orgId: unknown; name: unknown }): KeyInput {
  return { role: validateRole(input.role), orgId: validateOrgId(input.orgId), name: validateName(input.name) };
}

import { SOURCE_SYSTEMS, type SourceSystem } from '@mmt/contracts';
import { AccessError, isRole, ROLES, type Role } from './principal';

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
  /** Given for a SOURCE_SYSTEM key, and only for one. */
  source?: SourceSystem;
}

export function validateRole(role: unknown): Role {
  if (!isRole(role)) {
    throw new AccessError(`role: ${JSON.stringify(role)} is not one of ${ROLES.join(', ')}`);
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

/** A SOURCE_SYSTEM key names the source system it sends for; no other key names one. */
export function validateSource(role: Role, source: unknown): SourceSystem | undefined {
  if (role !== 'SOURCE_SYSTEM') {
    if (source !== undefined) {
      throw new AccessError(`source: only a SOURCE_SYSTEM key has one, not a ${role} key`);
    }
    return undefined;
  }
  if (!(SOURCE_SYSTEMS as readonly unknown[]).includes(source)) {
    throw new AccessError(
      `source: a SOURCE_SYSTEM key needs one of ${SOURCE_SYSTEMS.join(', ')}, not ${JSON.stringify(source)}`,
    );
  }
  return source as SourceSystem;
}

/** Checks them all, so that a caller (e.g. the CLI) can reject bad input before touching the store. */
export function validateKeyInput(input: { role: unknown; orgId: unknown; name: unknown; source?: unknown }): KeyInput {
  const role = validateRole(input.role);
  const source = validateSource(role, input.source);
  return {
    role,
    orgId: validateOrgId(input.orgId),
    name: validateName(input.name),
    ...(source === undefined ? {} : { source }),
  };
}

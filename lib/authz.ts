import { forbidden } from './errors';
import { hasRole, type Identity, type Role } from './identity';

/** Roles that may write their agency's records. */
export const WRITER_ROLES: Role[] = ['officer', 'supervisor'];

/** Refuses the call unless the caller has one of the roles. */
export function requireRole(identity: Identity, ...roles: Role[]): void {
  if (!hasRole(identity, ...roles)) throw forbidden(`this needs one of the roles: ${roles.join(', ')}`);
}

/** Refuses a write unless the caller is an officer or supervisor of `agencyCode`. */
export function requireWriterOf(identity: Identity, agencyCode: string): void {
  requireRole(identity, ...WRITER_ROLES);
  if (identity.agency !== agencyCode) throw forbidden('you may only write records of your own agency');
}

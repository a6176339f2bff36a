import { forbidden } from '../errors';

/** The roles a caller may hold (docs/domain.md#roles). */
export const ROLES = ['viewer', 'officer', 'supervisor', 'liaison_admin', 'auditor', 'service'] as const;
export type Role = (typeof ROLES)[number];

/** The part of an identity that role rules read (kept structural so that this file imports nothing of identity). */
export interface Caller {
  agency: string;
  roles: readonly Role[];
}

/** Roles that may write their agency's records and take workflow steps, unless a step names others. */
export const WRITER_ROLES: readonly Role[] = ['officer', 'supervisor'];

export function hasRole(caller: Caller, ...roles: readonly Role[]): boolean {
  return caller.roles.some((r) => roles.includes(r));
}

/** Refuses the call unless the caller has one of the roles. */
export function requireRole(caller: Caller, ...roles: readonly Role[]): void {
  if (!hasRole(caller, ...roles)) throw forbidden(`this needs one of the roles: ${roles.join(', ')}`);
}

/** Refuses a write unless the caller is an officer or supervisor of `agencyCode`. */
export function requireWriterOf(caller: Caller, agencyCode: string): void {
  requireRole(caller, ...WRITER_ROLES);
  if (caller.agency !== agencyCode) throw forbidden('you may only write records of your own agency');
}

import { requireRole } from '../../lib/authz';
import { forbidden } from '../../lib/errors';
import { hasRole, type Identity } from '../../lib/identity';
import { JOINT_OFFICE_CODE } from './workflows';

/** The joint office's own records are written by its liaison admins only. */
export function requireJointOffice(identity: Identity): void {
  requireRole(identity, 'liaison_admin');
  if (identity.agency !== JOINT_OFFICE_CODE) throw forbidden(`only the joint office (${JOINT_OFFICE_CODE}) may do this`);
}

/** Callers who see every data request and grant: the joint office, auditors, and services checking access. */
export function seesAllSharing(identity: Identity): boolean {
  return hasRole(identity, 'liaison_admin', 'auditor', 'service');
}

/** A list filter narrowed to the records the caller's agency is a party to, unless it sees all. */
export function partiesOnly<Q extends object>(identity: Identity, filter: Q, fields: readonly string[]): object {
  if (seesAllSharing(identity)) return filter;
  return { $and: [filter, { $or: fields.map((f) => ({ [f]: identity.agency })) }] };
}

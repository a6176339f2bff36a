import { PETITION_BUREAU_CODE } from '../../../lib/agencies';
import { requireRole, WRITER_ROLES } from '../../../lib/authz';
import { forbidden } from '../../../lib/errors';
import type { Identity } from '../../../lib/identity';
import type { HotlineLine } from '../__generated__/resolvers-types';
import { HOTLINE_CENTRE } from '../workflow';

/** Petitions are registered (and their cases linked) by officers of the handling agency or of the 信访局. */
export function requirePetitionWriter(identity: Identity, handlingAgencyCode: string): void {
  requireRole(identity, ...WRITER_ROLES);
  if (identity.agency !== handlingAgencyCode && identity.agency !== PETITION_BUREAU_CODE) {
    throw forbidden('only the handling agency or the 信访局 may write this petition');
  }
}

/** Tickets are registered by the line's hotline centre: the 12345 centre, or the procuratorate for 12309. */
export function requireHotlineWriter(identity: Identity, line: HotlineLine): void {
  requireRole(identity, ...WRITER_ROLES);
  if (identity.agency !== HOTLINE_CENTRE[line]) throw forbidden(`only ${HOTLINE_CENTRE[line]} may register ${line} tickets`);
}

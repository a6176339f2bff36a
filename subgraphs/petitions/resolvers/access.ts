import { PETITION_BUREAU_CODE, HOTLINE_CODE, PROCURATORATE_CODE } from '../../../lib/agencies';
import { requireRole, WRITER_ROLES } from '../../../lib/authz';
import { forbidden } from '../../../lib/errors';
import type { Identity } from '../../../lib/identity';
import type { HotlineLine } from '../__generated__/resolvers-types';

/** Petitions are written by officers of the handling agency or of the 信访局. */
export function requirePetitionWriter(identity: Identity, handlingAgencyCode: string): void {
  requireRole(identity, ...WRITER_ROLES);
  if (identity.agency !== handlingAgencyCode && identity.agency !== PETITION_BUREAU_CODE) {
    throw forbidden('only the handling agency or the 信访局 may write this petition');
  }
}

const LINE_OWNER: Record<HotlineLine, string> = { L12345: HOTLINE_CODE, L12309: PROCURATORATE_CODE };

/** Tickets are registered by the line's owner: the 12345 centre, or the procuratorate for 12309. */
export function requireHotlineWriter(identity: Identity, line: HotlineLine): void {
  requireRole(identity, ...WRITER_ROLES);
  if (identity.agency !== LINE_OWNER[line]) throw forbidden(`only ${LINE_OWNER[line]} may register ${line} tickets`);
}

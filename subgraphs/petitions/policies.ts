import { requireRole, WRITER_ROLES, type Policy } from '../../lib/access';
import { HOTLINE_CODE, PETITION_BUREAU_CODE, PROCURATORATE_CODE } from '../../lib/agencies';
import { forbidden } from '../../lib/errors';
import type { Identity } from '../../lib/identity';
import type { HotlineLine } from './__generated__/resolvers-types';
import type { HotlineTicketDoc, PetitionDoc } from './models';

// Who reads and who registers petitions and hotline tickets (docs/domain.md#record-access); who takes each
// workflow step is in workflow.ts.

/** 县政府办: the handling agencies' superior, which decides 复查 and 复核 (信访工作条例 第三十五条、第三十六条). */
export const REVIEW_AGENCY_CODE = '411221-ZFB';

/** 热线中心: the 12345 centre dispatches, revisits and rates 12345 tickets; the procuratorate those of 12309. */
export const HOTLINE_CENTRE: Record<HotlineLine, string> = { L12345: HOTLINE_CODE, L12309: PROCURATORATE_CODE };

/** The hotline centre of a line, which owns its tickets. */
export const centreOf = (line: HotlineLine): string => HOTLINE_CENTRE[line];

/**
 * The workflow counterparts of a petition: the 信访局 from registration on (it registers, accepts and may review
 * every petition), and 县政府办 once a review (复查) is applied for — it decides the review and the re-review.
 * Stored as `counterpartCodes` (derived by workflow.ts with every write); `backfillAccessFields` completes
 * records stored before.
 */
export function petitionCounterparts(p: Pick<PetitionDoc, 'counterpartCodes' | 'reviewAppliedAt'>): string[] {
  return [...new Set([...(p.counterpartCodes ?? []), PETITION_BUREAU_CODE, ...(p.reviewAppliedAt ? [REVIEW_AGENCY_CODE] : [])])];
}

/** 信访件: owned by the handling agency; the stored counterparts (信访局, 县政府办 after a review) see it. Not sealed. */
export const petitionPolicy: Policy<PetitionDoc> = {
  resourceType: 'PETITION',
  owner: (p) => p.handlingAgencyCode,
  counterparts: (p) => p.counterpartCodes ?? [],
  sealed: undefined,
  fields: { owner: 'handlingAgencyCode', counterparts: ['counterpartCodes'] },
};

/**
 * 热线工单: owned by the hotline centre of its line (stored as `centreCode`, derived from the line by workflow.ts);
 * the agency the ticket is currently dispatched to is its counterpart. An agency that returned the ticket as
 * misrouted no longer sees it once it is dispatched elsewhere. Not sealed.
 */
export const hotlineTicketPolicy: Policy<HotlineTicketDoc> = {
  resourceType: 'HOTLINE_TICKET',
  owner: (t) => t.centreCode ?? centreOf(t.line),
  counterparts: (t) => [t.dispatchedToCode],
  sealed: undefined,
  fields: { owner: 'centreCode', counterparts: ['dispatchedToCode'] },
};

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

import type { Policy } from '../../lib/access';
import { PETITION_BUREAU_CODE } from '../../lib/agencies';
import type { HotlineLine } from './__generated__/resolvers-types';
import type { HotlineTicketDoc, PetitionDoc } from './models';
import { HOTLINE_CENTRE, REVIEW_AGENCY_CODE } from './workflow';

/**
 * The workflow counterparts of a petition: the 信访局 from registration on (it registers, accepts and may review
 * every petition), and 县政府办 once a review (复查) is applied for — it decides the review and the re-review.
 * Stored as `counterpartCodes`: set when the petition is created (schema hook, also for bulk loads) and extended
 * by `applyPetitionReview`; `backfillAccessFields` completes records stored before.
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

/** The hotline centre of a line, which owns its tickets: the 12345 centre, or the procuratorate for 12309. */
export const centreOf = (line: HotlineLine): string => HOTLINE_CENTRE[line];

/**
 * 热线工单: owned by the hotline centre of its line (stored as `centreCode`, set from the line on create); the agency
 * the ticket is currently dispatched to is its counterpart. An agency that returned the ticket as misrouted no
 * longer sees it once it is dispatched elsewhere. Not sealed.
 */
export const hotlineTicketPolicy: Policy<HotlineTicketDoc> = {
  resourceType: 'HOTLINE_TICKET',
  owner: (t) => t.centreCode ?? centreOf(t.line),
  counterparts: (t) => [t.dispatchedToCode],
  sealed: undefined,
  fields: { owner: 'centreCode', counterparts: ['dispatchedToCode'] },
};

import { HOTLINE_CODE, PETITION_BUREAU_CODE, PROCURATORATE_CODE } from '../../lib/agencies';
import { act, type Act, type ActArgs, type Machine } from '../../lib/workflow';
import type { HotlineLine, HotlineTicketStatus, PetitionStatus } from './__generated__/resolvers-types';
import type { HotlineTicketDoc, PetitionDoc } from './models';

/** 县政府办: the handling agencies' superior, which decides 复查 and 复核 (信访工作条例 第三十五条、第三十六条). */
export const REVIEW_AGENCY_CODE = '411221-ZFB';

const handler = (p: PetitionDoc) => p.handlingAgencyCode;
const handlerOrBureau = (p: PetitionDoc) => [p.handlingAgencyCode, PETITION_BUREAU_CODE];
/** 复查: 县政府办, or the 信访局 when it did not handle the petition itself. */
export const reviewers = (p: PetitionDoc) => [REVIEW_AGENCY_CODE, p.handlingAgencyCode === PETITION_BUREAU_CODE ? null : PETITION_BUREAU_CODE];
const reviewAgencyOrBureau = () => [REVIEW_AGENCY_CODE, PETITION_BUREAU_CODE];

/**
 * 信访 (信访工作条例): RECEIVED → ACCEPTED | NOT_ACCEPTED → HANDLING → ANSWERED → REVIEW → RE_REVIEW → FINAL,
 * and ANSWERED / REVIEW → FINAL when no (further) review is applied for.
 */
export const PETITION_MACHINE: Machine<PetitionStatus, PetitionDoc> = {
  RECEIVED: { ACCEPTED: { by: handlerOrBureau }, NOT_ACCEPTED: { by: handlerOrBureau } },
  ACCEPTED: { HANDLING: { by: handler } },
  NOT_ACCEPTED: {},
  HANDLING: { ANSWERED: { by: handler } },
  ANSWERED: { REVIEW: { by: handlerOrBureau }, FINAL: { by: handlerOrBureau } },
  REVIEW: { RE_REVIEW: { by: reviewAgencyOrBureau }, FINAL: { by: reviewAgencyOrBureau } },
  RE_REVIEW: { FINAL: { by: () => REVIEW_AGENCY_CODE } },
  FINAL: {},
};

/** Steps that do not change the status: who takes them, in which statuses. */
export const PETITION_ACTS = {
  extend: { in: ['ACCEPTED', 'HANDLING'], by: handler },
  proceduralReply: { in: ['RECEIVED', 'ACCEPTED', 'HANDLING'], by: handler },
  hearing: { in: ['ACCEPTED', 'HANDLING', 'REVIEW', 'RE_REVIEW'], by: (p: PetitionDoc) => (['REVIEW', 'RE_REVIEW'].includes(p.status) ? reviewAgencyOrBureau() : handlerOrBureau(p)) },
  decideReview: { in: ['REVIEW'], by: reviewers },
} satisfies Record<string, Act<PetitionStatus, PetitionDoc>>;

/** 热线中心: the 12345 centre dispatches, revisits and rates 12345 tickets; the procuratorate those of 12309. */
export const HOTLINE_CENTRE: Record<HotlineLine, string> = { L12345: HOTLINE_CODE, L12309: PROCURATORATE_CODE };
const centre = (t: HotlineTicketDoc) => HOTLINE_CENTRE[t.line];
const receiver = (t: HotlineTicketDoc) => t.dispatchedToCode;

/** 12345 / 12309 工单: DISPATCHED → RETURNED (→ DISPATCHED again) | HANDLING → FEEDBACK → REVISIT → RATED. */
export const TICKET_MACHINE: Machine<HotlineTicketStatus, HotlineTicketDoc> = {
  DISPATCHED: { RETURNED: { by: receiver }, HANDLING: { by: receiver } },
  RETURNED: { DISPATCHED: { by: centre } },
  HANDLING: { FEEDBACK: { by: receiver } },
  FEEDBACK: { REVISIT: { by: centre } },
  REVISIT: { RATED: { by: centre } },
  RATED: {},
};

export const TICKET_ACTS = {
  extend: { in: ['HANDLING'], by: receiver },
} satisfies Record<string, Act<HotlineTicketStatus, HotlineTicketDoc>>;


export { act, type Act, type ActArgs };

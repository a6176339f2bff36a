import { PETITION_BUREAU_CODE } from '../../lib/agencies';
import { defineWorkflow, type DatedStep, type Machine } from '../../lib/workflow';
import type { HotlineTicketStatus, PetitionStatus } from './__generated__/resolvers-types';
import { petitionDerived, ticketDerived } from './deadlines';
import { HotlineTicketModel, PetitionModel, type HotlineTicketDoc, type PetitionDoc } from './models';
import { centreOf, hotlineTicketPolicy, petitionCounterparts, petitionPolicy, REVIEW_AGENCY_CODE } from './policies';


const handler = (p: PetitionDoc) => p.handlingAgencyCode;
const handlerOrBureau = (p: PetitionDoc) => [p.handlingAgencyCode, PETITION_BUREAU_CODE];
/** 复查: 县政府办, or the 信访局 when it did not handle the petition itself. */
const reviewers = (p: PetitionDoc) => [REVIEW_AGENCY_CODE, p.handlingAgencyCode === PETITION_BUREAU_CODE ? null : PETITION_BUREAU_CODE];
const reviewAgencyOrBureau = () => [REVIEW_AGENCY_CODE, PETITION_BUREAU_CODE];

/**
 * 信访 (docs/domain.md#petition): RECEIVED → ACCEPTED | NOT_ACCEPTED → HANDLING → ANSWERED → REVIEW → RE_REVIEW →
 * FINAL, and ANSWERED / REVIEW → FINAL when no (further) review is applied for.
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

/** A new step may not be dated before the latest of these; hearings are dated steps too. */
const petitionDates = (p: PetitionDoc): DatedStep[] => [
  [p.receivedAt, 'receivedAt'], [p.acceptedAt, 'acceptedAt'], [p.notAcceptedAt, 'notAcceptedAt'],
  [p.handlingStartedAt, 'handlingStartedAt'], [p.extendedAt, 'the extension'], [p.proceduralRepliedAt, 'proceduralRepliedAt'],
  [p.answeredAt, 'answeredAt'], [p.reviewAppliedAt, 'reviewAppliedAt'], [p.reviewDecidedAt, 'reviewDecidedAt'],
  [p.reReviewAppliedAt, 'reReviewAppliedAt'], [p.reReviewDecidedAt, 'reReviewDecidedAt'], [p.closedAt, 'closedAt'],
  ...(p.hearings ?? []).flatMap((h): DatedStep[] => [[h.from, 'the hearing'], [h.to, 'the end of the hearing']]),
];

/** The steps of a petition that keep its status. */
export type PetitionAct = 'extend' | 'proceduralReply' | 'hearing' | 'decideReview';

export const petitions = defineWorkflow<PetitionStatus, PetitionDoc, PetitionAct>({
  resourceType: 'PETITION',
  label: 'petition',
  model: PetitionModel,
  policy: petitionPolicy,
  machine: PETITION_MACHINE,
  acts: {
    extend: { in: ['ACCEPTED', 'HANDLING'], by: handler, name: 'extended' },
    proceduralReply: { in: ['RECEIVED', 'ACCEPTED', 'HANDLING'], by: handler, name: 'given a procedural reply' },
    // A hearing of the review stage is held by whoever decides it.
    hearing: {
      in: ['ACCEPTED', 'HANDLING', 'REVIEW', 'RE_REVIEW'], name: 'given a hearing',
      by: (p) => (['REVIEW', 'RE_REVIEW'].includes(p.status) ? reviewAgencyOrBureau() : handlerOrBureau(p)),
    },
    decideReview: { in: ['REVIEW'], by: reviewers, name: 'decided' },
  },
  dates: petitionDates,
  // The clocks' due date and dashboard flags; the counterparts who see it (县政府办 once a review is applied for).
  derive: (p) => ({ ...petitionDerived(p), counterpartCodes: petitionCounterparts(p) }),
});

const centre = (t: HotlineTicketDoc) => centreOf(t.line);
const receiver = (t: HotlineTicketDoc) => t.dispatchedToCode;

/** 12345 / 12309 工单 (docs/domain.md#hotline-ticket): DISPATCHED → RETURNED (→ DISPATCHED again) | HANDLING → FEEDBACK → REVISIT → RATED. */
export const TICKET_MACHINE: Machine<HotlineTicketStatus, HotlineTicketDoc> = {
  DISPATCHED: { RETURNED: { by: receiver }, HANDLING: { by: receiver } },
  RETURNED: { DISPATCHED: { by: centre } },
  HANDLING: { FEEDBACK: { by: receiver } },
  FEEDBACK: { REVISIT: { by: centre } },
  REVISIT: { RATED: { by: centre } },
  RATED: {},
};

const ticketDates = (t: HotlineTicketDoc): DatedStep[] => [
  [t.dispatchedAt, 'dispatchedAt'], ...t.returns.map((r): DatedStep => [r.returnedAt, 'returnedAt']), [t.acceptedAt, 'acceptedAt'],
  [t.extendedAt, 'the extension'], [t.feedbackAt, 'feedbackAt'], [t.revisitedAt, 'revisitedAt'], [t.ratedAt, 'ratedAt'],
];

export const hotlineTickets = defineWorkflow<HotlineTicketStatus, HotlineTicketDoc, 'extend'>({
  resourceType: 'HOTLINE_TICKET',
  label: 'hotline ticket',
  model: HotlineTicketModel,
  policy: hotlineTicketPolicy,
  machine: TICKET_MACHINE,
  acts: { extend: { in: ['HANDLING'], by: receiver, name: 'extended' } },
  dates: ticketDates,
  // The handling clock's due date and on-time flag; the owner follows from the line.
  derive: (t) => ({ ...ticketDerived(t), centreCode: centreOf(t.line) }),
});

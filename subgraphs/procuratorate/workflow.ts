import { defineWorkflow, type DatedStep, type Machine } from '../../lib/workflow';
import type { ReverseReferralStatus, SuggestionStatus } from './__generated__/resolvers-types';
import { caseNextDueAt, main, referralNextDueAt, suggestionClocks, suggestionNextDueAt, suggestionReplyDueAt } from './deadlines';
import {
  ProcuratorateCaseModel, PUBLIC_INTEREST_DATES, REFERRAL_DATES, ReverseReferralModel, SUGGESTION_DATES, SuggestionModel,
  type ProcuratorateCaseDoc, type PublicInterestStatus, type ReverseReferralDoc, type SuggestionDoc,
} from './models';
import { procuratorateCasePolicy, reverseReferralPolicy, suggestionPolicy } from './policies';

const owner = (d: { agencyCode: string }) => d.agencyCode;
const target = (s: SuggestionDoc) => s.targetAgencyCode;
const competent = (r: ReverseReferralDoc) => r.competentAgencyCode;

/**
 * 检察建议: drafted and approved (a supervisor) and served by the procuratorate; the target agency may object
 * (the procuratorate upholds, amends or withdraws), replies, and rectifies; the procuratorate verifies (回头看)
 * and closes. Once the reply is overdue the procuratorate may report it upward (ESCALATED); the reply is still
 * owed and may still come. A draft the procuratorate decides not to pursue is discarded (DISCARDED, final): it was
 * never approved or served, so the target agency never took part.
 */
export const SUGGESTION_MACHINE: Machine<SuggestionStatus, SuggestionDoc> = {
  DRAFT: { APPROVED: { by: owner, roles: ['supervisor'] }, DISCARDED: { by: owner } },
  DISCARDED: {},
  APPROVED: { SERVED: { by: owner } },
  SERVED: { OBJECTED: { by: target }, REPLIED: { by: target }, ESCALATED: { by: owner } },
  OBJECTED: { UPHELD: { by: owner }, AMENDED: { by: owner }, WITHDRAWN: { by: owner }, ESCALATED: { by: owner } },
  UPHELD: { REPLIED: { by: target }, ESCALATED: { by: owner } },
  AMENDED: { REPLIED: { by: target }, ESCALATED: { by: owner } },
  WITHDRAWN: {},
  ESCALATED: { REPLIED: { by: target } },
  REPLIED: { RECTIFYING: { by: target } },
  RECTIFYING: { VERIFIED: { by: owner } },
  VERIFIED: { CLOSED: { by: owner } },
  CLOSED: {},
};

/** Whether the reply owed by the suggestion is overdue at `at`. */
export function replyOverdue(s: SuggestionDoc, at = new Date()): boolean {
  return main(suggestionClocks(s, at))?.overdue ?? false;
}

export const notOverdue = (s: SuggestionDoc) =>
  `this suggestion's reply is not overdue (due ${suggestionReplyDueAt(s)?.toISOString()}): it can be escalated only after`;

export const suggestions = defineWorkflow<SuggestionStatus, SuggestionDoc, 'reportProgress'>({
  resourceType: 'SUGGESTION',
  label: 'suggestion',
  model: SuggestionModel,
  policy: suggestionPolicy,
  machine: SUGGESTION_MACHINE,
  acts: { reportProgress: { in: ['RECTIFYING'], by: target, name: 'report rectification progress' } },
  // The reply must be overdue before the procuratorate reports it upward.
  unless: { ESCALATED: (s, now) => (replyOverdue(s, now) ? null : notOverdue(s)) },
  dates: SUGGESTION_DATES,
  derive: (s) => ({ replyDueAt: suggestionReplyDueAt(s), nextDueAt: suggestionNextDueAt(s), counterpartCodes: s.servedAt ? [s.targetAgencyCode] : [] }),
});

/** A public-interest case (its status is one of the public-interest statuses). */
export type PublicInterestCaseDoc = ProcuratorateCaseDoc & { status: PublicInterestStatus };

/**
 * 公益诉讼 (all steps by the procuratorate): clue, filing, 磋商, pre-suit suggestion, follow-up, then termination
 * or suit. A case may also end after filing or 磋商 (no violation found, or corrected during 磋商), and the
 * pre-suit suggestion may follow filing directly (no 磋商, e.g. civil public-interest cases).
 */
export const PUBLIC_INTEREST_MACHINE: Machine<PublicInterestStatus, PublicInterestCaseDoc> = {
  CLUE: { FILED: { by: owner } },
  FILED: { CONSULTATION: { by: owner }, PRE_SUIT_SUGGESTION: { by: owner }, TERMINATED: { by: owner } },
  CONSULTATION: { PRE_SUIT_SUGGESTION: { by: owner }, TERMINATED: { by: owner } },
  PRE_SUIT_SUGGESTION: { FOLLOW_UP: { by: owner } },
  FOLLOW_UP: { TERMINATED: { by: owner }, LITIGATED: { by: owner } },
  TERMINATED: {},
  LITIGATED: {},
};

/** Public-interest cases move by this workflow; other cases change status by updateProcuratorateCase (same model). */
export const publicInterestCases = defineWorkflow<PublicInterestStatus, PublicInterestCaseDoc, 'issueNotice'>({
  resourceType: 'PROCURATORATE_CASE',
  label: 'public-interest case',
  model: ProcuratorateCaseModel,
  policy: procuratorateCasePolicy,
  machine: PUBLIC_INTEREST_MACHINE,
  acts: { issueNotice: { in: ['TERMINATED'], by: owner, name: 'issue the termination notice' } },
  dates: PUBLIC_INTEREST_DATES,
  derive: (c) => ({ nextDueAt: caseNextDueAt(c) }),
});

/** The next steps of a case: public-interest cases only (others change status by updateProcuratorateCase). */
export function caseNextSteps(c: ProcuratorateCaseDoc): string[] {
  return c.type === 'PUBLIC_INTEREST' ? publicInterestCases.nextSteps(c as PublicInterestCaseDoc) : [];
}

/**
 * 行刑反向衔接: the procuratorate refers (criminal → administrative procuratorial department), reviews (suspended
 * during 复议/申诉), and issues a 检察意见 or terminates; the competent agency decides and reports its result.
 */
export const REFERRAL_MACHINE: Machine<ReverseReferralStatus, ReverseReferralDoc> = {
  NON_PROSECUTED: { REFERRED: { by: owner } },
  REFERRED: { UNDER_REVIEW: { by: owner } },
  UNDER_REVIEW: { SUSPENDED: { by: owner }, OPINION_ISSUED: { by: owner }, TERMINATED: { by: owner } },
  SUSPENDED: { UNDER_REVIEW: { by: owner } },
  OPINION_ISSUED: { AGENCY_DECIDED: { by: competent } },
  TERMINATED: {},
  AGENCY_DECIDED: { RESULT_REPORTED: { by: competent } },
  RESULT_REPORTED: {},
};

/** A suspension and its end are dated steps of a referral too. */
const referralDates = (r: ReverseReferralDoc): DatedStep[] => [
  ...REFERRAL_DATES.map((f) => [r[f], f] as const),
  ...(r.pauses ?? []).flatMap((p, i): DatedStep[] => [[p.from, `pauses[${i}].from`], [p.to, `pauses[${i}].to`]]),
];

export const referrals = defineWorkflow<ReverseReferralStatus, ReverseReferralDoc>({
  resourceType: 'REVERSE_REFERRAL',
  label: 'reverse referral',
  model: ReverseReferralModel,
  policy: reverseReferralPolicy,
  machine: REFERRAL_MACHINE,
  dates: referralDates,
  derive: (r) => ({ nextDueAt: referralNextDueAt(r), counterpartCodes: r.referredAt ? [r.competentAgencyCode] : [] }),
});

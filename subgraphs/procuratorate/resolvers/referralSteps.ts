import { historyNote, noteOf, required } from '../../../lib/workflow';
import type { MutationResolvers, ReverseReferralStatus } from '../__generated__/resolvers-types';
import type { ReverseReferralDoc, ReviewPause } from '../models';
import { referrals } from '../workflow';
import { shareCase } from './counterparts';

const dateOf = referrals.stepDate;

/** UNDER_REVIEW is reached two ways: starting the review (from REFERRED) and resuming it (from SUSPENDED). */
function requireFrom(r: ReverseReferralDoc, from: ReverseReferralStatus, what: string): void {
  if (r.status !== from) {
    const allowed = referrals.nextSteps(r);
    throw referrals.refuse(r, `this reverse referral is ${r.status}: ${what} needs it ${from}; allowed next: ${allowed.join(', ') || 'none (final)'}`);
  }
}

type ReferralSteps = Pick<MutationResolvers,
  | 'referReverseReferral' | 'startReverseReview' | 'suspendReverseReview' | 'resumeReverseReview' | 'issueReverseOpinion'
  | 'terminateReverseReview' | 'recordReverseAgencyDecision' | 'reportReverseReferralResult'>;

export const referralSteps: ReferralSteps = {
  referReverseReferral: async (_, { id, version, referredAt, note }, ctx) => {
    const referred = await referrals.move(ctx, 'REFERRED', { id, version, note: noteOf(note), set: (r) => ({ referredAt: dateOf('referredAt', referredAt, r) }) });
    await shareCase(ctx, referred);
    return referred;
  },

  startReverseReview: (_, { id, version, startedAt, note }, ctx) =>
    referrals.move(ctx, 'UNDER_REVIEW', {
      id, version, note: noteOf(note),
      set: (r) => {
        requireFrom(r, 'REFERRED', 'starting the review');
        return { reviewStartedAt: dateOf('startedAt', startedAt, r) };
      },
    }),

  suspendReverseReview: (_, { id, version, reason, suspendedAt }, ctx) =>
    referrals.move(ctx, 'SUSPENDED', {
      id, version, note: historyNote(reason),
      set: (r) => {
        const why = required('reason', reason);
        const pauses: ReviewPause[] = [...(r.pauses ?? []), { from: dateOf('suspendedAt', suspendedAt, r), to: null, reason: why }];
        return { pauses };
      },
    }),

  resumeReverseReview: (_, { id, version, resumedAt, note }, ctx) =>
    referrals.move(ctx, 'UNDER_REVIEW', {
      id, version, note: noteOf(note),
      set: (r) => {
        requireFrom(r, 'SUSPENDED', 'resuming the review');
        const at = dateOf('resumedAt', resumedAt, r);
        return { pauses: r.pauses.map((p) => (p.to ? p : { ...p, to: at })) };
      },
    }),

  issueReverseOpinion: (_, { id, version, opinion, issuedAt }, ctx) =>
    referrals.move(ctx, 'OPINION_ISSUED', {
      id, version,
      set: (r) => ({ opinion: required('opinion', opinion, 5000), opinionIssuedAt: dateOf('issuedAt', issuedAt, r) }),
    }),

  terminateReverseReview: (_, { id, version, reason, terminatedAt }, ctx) =>
    referrals.move(ctx, 'TERMINATED', {
      id, version, note: historyNote(reason),
      set: (r) => ({ terminationReason: required('reason', reason), terminatedAt: dateOf('terminatedAt', terminatedAt, r) }),
    }),

  recordReverseAgencyDecision: (_, { id, version, kind, decision, decidedAt }, ctx) =>
    referrals.move(ctx, 'AGENCY_DECIDED', {
      id, version,
      set: (r) => ({ agencyDecisionKind: kind, agencyDecision: required('decision', decision, 5000), agencyDecidedAt: dateOf('decidedAt', decidedAt, r) }),
    }),

  reportReverseReferralResult: (_, { id, version, result, reportedAt }, ctx) =>
    referrals.move(ctx, 'RESULT_REPORTED', {
      id, version, note: historyNote(result),
      set: (r) => ({ result: required('result', result), resultReportedAt: dateOf('reportedAt', reportedAt, r) }),
    }),
};

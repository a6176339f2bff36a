import { historyNote, noteOf, required } from '../../../lib/workflow';
import type { MutationResolvers } from '../__generated__/resolvers-types';
import { referrals } from '../workflow';

const dateOf = referrals.stepDate;

type ReferralSteps = Pick<MutationResolvers, 'acceptSupportReferral' | 'declineSupportReferral' | 'completeSupportReferral'>;

export const referralSteps: ReferralSteps = {
  acceptSupportReferral: (_, { id, version, acceptedAt, note }, ctx) =>
    referrals.move(ctx, 'ACCEPTED', { id, version, note: noteOf(note), set: (r) => ({ acceptedAt: dateOf('acceptedAt', acceptedAt, r) }) }),

  declineSupportReferral: (_, { id, version, reason, declinedAt }, ctx) =>
    referrals.move(ctx, 'DECLINED', {
      id, version, note: historyNote(reason),
      set: (r) => ({ declineReason: required('reason', reason), declinedAt: dateOf('declinedAt', declinedAt, r) }),
    }),

  completeSupportReferral: (_, { id, version, outcome, completedAt }, ctx) =>
    referrals.move(ctx, 'COMPLETED', {
      id, version, note: historyNote(outcome),
      set: (r) => ({ outcome: required('outcome', outcome), completedAt: dateOf('completedAt', completedAt, r) }),
    }),
};

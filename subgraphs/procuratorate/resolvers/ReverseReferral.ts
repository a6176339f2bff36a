import { entityKey } from '../../../lib/federation';
import type { ReverseReferralResolvers } from '../__generated__/resolvers-types';
import { main, referralClocks, running } from '../deadlines';
import { procuratorateCasePolicy, reverseReferralPolicy } from '../policies';
import { referrals } from '../workflow';
import { deadlinesOf } from './ProcuratorateCase';

export const ReverseReferral: ReverseReferralResolvers = {
  __resolveReference: async (ref, { loaders, access }) => access.one(reverseReferralPolicy, await loaders.referral.load(entityKey(ref, 'id'))),
  id: (r) => r._id,
  // A link the caller may not follow (e.g. a grant on reverse referrals only) is null, not an error.
  procuratorateCase: async (r, _, { loaders, access }) => access.follow(procuratorateCasePolicy, await loaders.procuratorateCase.load(r.procuratorateCaseId)),
  enforcementCase: (r) => (r.enforcementCaseId ? { id: r.enforcementCaseId } : null),
  competentAgency: (r) => ({ code: r.competentAgencyCode }),
  pauses: (r) => r.pauses ?? [],
  history: (r) => r.history ?? [],
  allowedNextSteps: (r) => referrals.nextSteps(r),
  deadlines: (r) => deadlinesOf(running(referralClocks(r))),
  dueAt: (r) => main(referralClocks(r))?.dueAt ?? null,
  overdue: (r) => main(referralClocks(r))?.overdue ?? false,
};

import { entityKey } from '../../../lib/federation';
import type { SupportReferralResolvers } from '../__generated__/resolvers-types';
import { rescueApplicationPolicy, supportReferralPolicy } from '../policies';
import { referrals } from '../workflow';

export const SupportReferral: SupportReferralResolvers = {
  __resolveReference: async (ref, { loaders, access }) => access.one(supportReferralPolicy, await loaders.referral.load(entityKey(ref, 'id'))),
  id: (r) => r._id,
  referringAgency: (r) => ({ code: r.referringAgencyCode }),
  receivingAgency: (r) => ({ code: r.receivingAgencyCode }),
  history: (r) => r.history ?? [],
  allowedNextSteps: (r) => referrals.nextSteps(r),
  // A link the caller may not follow (e.g. a grant on referrals only) is null, not an error.
  application: async (r, _, { loaders, access }) => {
    const found = await loaders.application.load(r.applicationId);
    return found && (await access.decide(rescueApplicationPolicy, found)) ? access.one(rescueApplicationPolicy, found) : null;
  },
};

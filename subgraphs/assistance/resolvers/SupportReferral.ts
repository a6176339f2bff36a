import { forbidden } from '../../../lib/errors';
import { entityKey } from '../../../lib/federation';
import type { SupportReferralResolvers } from '../__generated__/resolvers-types';

export const SupportReferral: SupportReferralResolvers = {
  __resolveReference: (ref, { loaders }) => loaders.referral.load(entityKey(ref, 'id')),
  id: (r) => r._id,
  receivingAgency: (r) => ({ code: r.receivingAgencyCode }),
  application: async (r, _, { loaders }) => {
    const found = await loaders.application.load(r.applicationId);
    if (!found) throw forbidden();
    return found;
  },
};

import { forbidden } from '../../../lib/errors';
import { entityKey } from '../../../lib/federation';
import type { ReverseReferralResolvers } from '../__generated__/resolvers-types';
import { visible } from '../access';

export const ReverseReferral: ReverseReferralResolvers = {
  __resolveReference: (ref, { loaders }) => loaders.referral.load(entityKey(ref, 'id')),
  id: (r) => r._id,
  procuratorateCase: async (r, _, { identity, loaders }) => {
    const found = visible(identity, await loaders.procuratorateCase.load(r.procuratorateCaseId));
    if (!found) throw forbidden();
    return found;
  },
  enforcementCase: (r) => (r.enforcementCaseId ? { id: r.enforcementCaseId } : null),
  competentAgency: (r) => ({ code: r.competentAgencyCode }),
};

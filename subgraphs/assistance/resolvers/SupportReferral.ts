import { forbidden } from '../../../lib/errors';
import { entityKey } from '../../../lib/federation';
import { nextSteps } from '../../../lib/workflow';
import type { SupportReferralResolvers } from '../__generated__/resolvers-types';
import { REFERRAL_MACHINE } from '../rules';

export const SupportReferral: SupportReferralResolvers = {
  __resolveReference: (ref, { loaders }) => loaders.referral.load(entityKey(ref, 'id')),
  id: (r) => r._id,
  referringAgency: (r) => ({ code: r.referringAgencyCode }),
  receivingAgency: (r) => ({ code: r.receivingAgencyCode }),
  history: (r) => r.history ?? [],
  allowedNextSteps: (r) => nextSteps(REFERRAL_MACHINE, r.status),
  application: async (r, _, { loaders }) => {
    const found = await loaders.application.load(r.applicationId);
    if (!found) throw forbidden();
    return found;
  },
};

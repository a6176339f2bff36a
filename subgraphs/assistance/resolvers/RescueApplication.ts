import { entityKey } from '../../../lib/federation';
import type { RescueApplicationResolvers } from '../__generated__/resolvers-types';
import { amountOf, isOverdue } from '../rules';

export const RescueApplication: RescueApplicationResolvers = {
  __resolveReference: (ref, { loaders }) => loaders.application.load(entityKey(ref, 'id')),
  id: (a) => a._id,
  applicant: (a) => ({ id: a.applicantId }),
  procuratorateCase: (a) => (a.procuratorateCaseId ? { id: a.procuratorateCaseId } : null),
  agency: (a) => ({ code: a.agencyCode }),
  amount: (a) => amountOf(a),
  overdue: (a) => isOverdue(a),
  supportReferrals: (a, _, { loaders }) => loaders.referralsByApplication.load(a._id),
};

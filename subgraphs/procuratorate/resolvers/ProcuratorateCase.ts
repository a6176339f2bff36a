import { entityKey } from '../../../lib/federation';
import type { ProcuratorateCaseResolvers } from '../__generated__/resolvers-types';
import { visible } from '../access';
import { isPendingTooLong } from '../deadlines';

export const ProcuratorateCase: ProcuratorateCaseResolvers = {
  __resolveReference: async (ref, { identity, loaders }) =>
    visible(identity, await loaders.procuratorateCase.load(entityKey(ref, 'id'))),
  id: (c) => c._id,
  agency: (c) => ({ code: c.agencyCode }),
  suspects: (c) => c.personIds.map((id) => ({ id })),
  victims: (c) => c.victimIds.map((id) => ({ id })),
  enterprises: (c) => c.creditCodes.map((creditCode) => ({ creditCode })),
  pendingTooLong: (c) => isPendingTooLong(c),
  sourceTransfer: (c) => (c.sourceTransferId ? { id: c.sourceTransferId } : null),
  reverseReferrals: (c, _, { loaders }) => loaders.referralsByCase.load(c._id),
};

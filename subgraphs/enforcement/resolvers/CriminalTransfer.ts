import { forbidden } from '../../../lib/errors';
import { entityKey } from '../../../lib/federation';
import type { CriminalTransferResolvers } from '../__generated__/resolvers-types';

export const CriminalTransfer: CriminalTransferResolvers = {
  __resolveReference: (ref, { loaders }) => loaders.transfer.load(entityKey(ref, 'id')),
  id: (t) => t._id,
  agency: (t) => ({ code: t.agencyCode }),
  policeAgency: (t) => ({ code: t.policeAgencyCode }),
  enforcementCase: async (t, _, { loaders }) => {
    const found = await loaders.enforcementCase.load(t.enforcementCaseId);
    if (!found) throw forbidden();
    return found;
  },
};

import { entityKey } from '../../../lib/federation';
import type { EnforcementCaseResolvers } from '../__generated__/resolvers-types';

export const EnforcementCase: EnforcementCaseResolvers = {
  __resolveReference: (ref, { loaders }) => loaders.enforcementCase.load(entityKey(ref, 'id')),
  id: (c) => c._id,
  agency: (c) => ({ code: c.agencyCode }),
  person: (c) => (c.personId ? { id: c.personId } : null),
  enterprise: (c) => (c.creditCode ? { creditCode: c.creditCode } : null),
  transfer: (c, _, { loaders }) => loaders.transferByCase.load(c._id),
};

import { entityKey } from '../../../lib/federation';
import type { EnforcementCaseResolvers } from '../__generated__/resolvers-types';
import { enforcementCasePolicy, transferPolicy } from '../policies';

export const EnforcementCase: EnforcementCaseResolvers = {
  /** FORBIDDEN (audited) when the caller may not see the case (docs/access-guide.md). */
  __resolveReference: async (ref, { loaders, access }) => access.one(enforcementCasePolicy, await loaders.enforcementCase.load(entityKey(ref, 'id'))),
  id: (c) => c._id,
  agency: (c) => ({ code: c.agencyCode }),
  person: (c) => (c.personId ? { id: c.personId } : null),
  enterprise: (c) => (c.creditCode ? { creditCode: c.creditCode } : null),
  /** A transfer the caller may not see (e.g. under a grant of cases only) is null, not an error. */
  transfer: async (c, _, { loaders, access }) => access.follow(transferPolicy, await loaders.transferByCase.load(c._id)),
};

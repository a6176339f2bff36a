import { entityKey } from '../../../lib/federation';
import { connectionFromList } from '../../../lib/pagination';
import type { CriminalTransferResolvers, EnterpriseResolvers, PersonResolvers } from '../__generated__/resolvers-types';
import { procuratorateCasePolicy } from '../policies';

// Entities owned elsewhere to which this subgraph adds fields. Only the cases the caller may see, so that
// totalCount is right too (sealed cases only for their owner); cross-agency ones audited.

export const Person: PersonResolvers = {
  __resolveReference: (ref) => ({ id: entityKey(ref, 'id') }),
  procuratorateCases: async (p, args, { loaders, access }) =>
    connectionFromList(await access.visible(procuratorateCasePolicy, await loaders.casesByParty.load(p.id)), args),
};

export const Enterprise: EnterpriseResolvers = {
  __resolveReference: (ref) => ({ creditCode: entityKey(ref, 'creditCode') }),
  procuratorateCases: async (e, args, { loaders, access }) =>
    connectionFromList(await access.visible(procuratorateCasePolicy, await loaders.casesByEnterprise.load(e.creditCode)), args),
};

export const CriminalTransfer: CriminalTransferResolvers = {
  __resolveReference: (ref) => ({ id: entityKey(ref, 'id') }),
  // The case opened from the transfer: null when the caller may not see it, as when there is none.
  procuratorateCase: async (t, _, { loaders, access }) => access.follow(procuratorateCasePolicy, await loaders.caseByTransfer.load(t.id)),
};

import { entityKey } from '../../../lib/federation';
import { connectionFromList } from '../../../lib/pagination';
import type { CriminalTransferResolvers, EnterpriseResolvers, PersonResolvers } from '../__generated__/resolvers-types';
import { canSee, visible } from '../access';

// Entities owned elsewhere to which this subgraph adds fields.

export const Person: PersonResolvers = {
  __resolveReference: (ref) => ({ id: entityKey(ref, 'id') }),
  procuratorateCases: async (p, args, { identity, loaders }) =>
    connectionFromList((await loaders.casesByParty.load(p.id)).filter((c) => canSee(identity, c)), args),
};

export const Enterprise: EnterpriseResolvers = {
  __resolveReference: (ref) => ({ creditCode: entityKey(ref, 'creditCode') }),
  procuratorateCases: async (e, args, { identity, loaders }) =>
    connectionFromList((await loaders.casesByEnterprise.load(e.creditCode)).filter((c) => canSee(identity, c)), args),
};

export const CriminalTransfer: CriminalTransferResolvers = {
  __resolveReference: (ref) => ({ id: entityKey(ref, 'id') }),
  procuratorateCase: async (t, _, { identity, loaders }) => visible(identity, await loaders.caseByTransfer.load(t.id)),
};

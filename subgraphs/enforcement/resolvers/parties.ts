import { entityKey } from '../../../lib/federation';
import { connectionFromList } from '../../../lib/pagination';
import type { EnterpriseResolvers, PersonResolvers } from '../__generated__/resolvers-types';

export const Person: PersonResolvers = {
  __resolveReference: (ref) => ({ id: entityKey(ref, 'id') }),
  enforcementCases: async (p, args, { loaders }) => connectionFromList(await loaders.casesByPerson.load(p.id), args),
};

export const Enterprise: EnterpriseResolvers = {
  __resolveReference: (ref) => ({ creditCode: entityKey(ref, 'creditCode') }),
  enforcementCases: async (e, args, { loaders }) => connectionFromList(await loaders.casesByEnterprise.load(e.creditCode), args),
};

import { entityKey } from '../../../lib/federation';
import { connectionFromList } from '../../../lib/pagination';
import type { EnterpriseResolvers, PersonResolvers } from '../__generated__/resolvers-types';
import { enforcementCasePolicy } from '../policies';

export const Person: PersonResolvers = {
  __resolveReference: (ref) => ({ id: entityKey(ref, 'id') }),
  enforcementCases: async (p, args, { loaders, access }) =>
    connectionFromList(await access.visible(enforcementCasePolicy, await loaders.casesByPerson.load(p.id)), args),
};

export const Enterprise: EnterpriseResolvers = {
  __resolveReference: (ref) => ({ creditCode: entityKey(ref, 'creditCode') }),
  enforcementCases: async (e, args, { loaders, access }) =>
    connectionFromList(await access.visible(enforcementCasePolicy, await loaders.casesByEnterprise.load(e.creditCode)), args),
};

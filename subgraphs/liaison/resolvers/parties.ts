import { entityKey } from '../../../lib/federation';
import type { EnterpriseResolvers, PersonResolvers } from '../__generated__/resolvers-types';
import { isMinor } from '../people';

export const Person: PersonResolvers = {
  __resolveReference: (ref, { loaders }) => loaders.person.load(entityKey(ref, 'id')),
  id: (p) => p._id,
  isMinor: (p) => isMinor(p.birthDate),
};

export const Enterprise: EnterpriseResolvers = {
  __resolveReference: (ref, { loaders }) => loaders.enterprise.load(entityKey(ref, 'creditCode')),
  creditCode: (e) => e._id,
  legalRepresentative: (e, _, { loaders }) => (e.legalRepresentativeId ? loaders.person.load(e.legalRepresentativeId) : null),
};

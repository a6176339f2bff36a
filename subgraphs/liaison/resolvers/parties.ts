import { entityKey } from '../../../lib/federation';
import type { EnterpriseResolvers, PersonResolvers } from '../__generated__/resolvers-types';
import { followPerson, readPerson } from '../policies';
import { isMinor } from '../people';

export const Person: PersonResolvers = {
  // A sealed person only for an agency holding a record on the person (its own cases' stubs resolve).
  __resolveReference: async (ref, ctx) => {
    const id = entityKey(ref, 'id');
    return readPerson(ctx, id, await ctx.loaders.person.load(id));
  },
  id: (p) => p._id,
  isMinor: (p) => isMinor(p.birthDate),
};

export const Enterprise: EnterpriseResolvers = {
  __resolveReference: (ref, { loaders }) => loaders.enterprise.load(entityKey(ref, 'creditCode')),
  creditCode: (e) => e._id,
  legalRepresentative: async (e, _, ctx) => (e.legalRepresentativeId ? followPerson(ctx, await ctx.loaders.person.load(e.legalRepresentativeId)) : null),
};

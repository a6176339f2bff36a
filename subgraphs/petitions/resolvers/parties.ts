import { entityKey } from '../../../lib/federation';
import { connectionFromList } from '../../../lib/pagination';
import type { PersonResolvers } from '../__generated__/resolvers-types';

export const Person: PersonResolvers = {
  __resolveReference: (ref) => ({ id: entityKey(ref, 'id') }),
  petitions: async (p, args, { loaders }) => connectionFromList(await loaders.petitionsByPerson.load(p.id), args),
  hotlineTickets: async (p, args, { loaders }) => connectionFromList(await loaders.ticketsByCaller.load(p.id), args),
};

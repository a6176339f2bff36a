import { entityKey } from '../../../lib/federation';
import { connectionFromList } from '../../../lib/pagination';
import type { PersonResolvers } from '../__generated__/resolvers-types';
import { hotlineTicketPolicy, petitionPolicy } from '../policies';

export const Person: PersonResolvers = {
  __resolveReference: (ref) => ({ id: entityKey(ref, 'id') }),
  petitions: async (p, args, { loaders, access }) =>
    connectionFromList(await access.visible(petitionPolicy, await loaders.petitionsByPerson.load(p.id)), args),
  hotlineTickets: async (p, args, { loaders, access }) =>
    connectionFromList(await access.visible(hotlineTicketPolicy, await loaders.ticketsByCaller.load(p.id)), args),
};

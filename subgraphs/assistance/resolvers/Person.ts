import { entityKey } from '../../../lib/federation';
import { connectionFromList } from '../../../lib/pagination';
import type { PersonResolvers } from '../__generated__/resolvers-types';

export const Person: PersonResolvers = {
  __resolveReference: (ref) => ({ id: entityKey(ref, 'id') }),
  rescueApplications: async (p, args, { loaders }) => {
    const newest = [...(await loaders.applicationsByApplicant.load(p.id))].sort(
      (a, b) => b.listedAt.getTime() - a.listedAt.getTime() || b._id.localeCompare(a._id),
    );
    return connectionFromList(newest, args);
  },
};

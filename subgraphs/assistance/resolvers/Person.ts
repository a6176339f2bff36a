import { entityKey } from '../../../lib/federation';
import { connectionFromList } from '../../../lib/pagination';
import type { PersonResolvers } from '../__generated__/resolvers-types';

export const Person: PersonResolvers = {
  __resolveReference: (ref) => ({ id: entityKey(ref, 'id') }),
  rescueApplications: async (p, args, { loaders }) => {
    const newestApplied = [...(await loaders.applicationsByApplicant.load(p.id))].sort(
      (a, b) => b.appliedAt.getTime() - a.appliedAt.getTime() || b._id.localeCompare(a._id),
    );
    return connectionFromList(newestApplied, args);
  },
};

import { entityKey } from '../../../lib/federation';
import { connectionFromList } from '../../../lib/pagination';
import type { PersonResolvers } from '../__generated__/resolvers-types';
import { rescueApplicationPolicy } from '../policies';

export const Person: PersonResolvers = {
  __resolveReference: (ref) => ({ id: entityKey(ref, 'id') }),
  // Only the applications the caller may see, so totalCount is right too; cross-agency ones audited.
  rescueApplications: async (p, args, { loaders, access }) => {
    const visible = await access.visible(rescueApplicationPolicy, await loaders.applicationsByApplicant.load(p.id));
    const newest = visible.sort((a, b) => b.listedAt.getTime() - a.listedAt.getTime() || b._id.localeCompare(a._id));
    return connectionFromList(newest, args);
  },
};

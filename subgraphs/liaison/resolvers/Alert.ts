import { entityKey } from '../../../lib/federation';
import type { AlertResolvers } from '../__generated__/resolvers-types';
import { alertRule, readOne } from '../policies';

export const Alert: AlertResolvers = {
  __resolveReference: async (ref, ctx) => {
    const id = entityKey(ref, 'id');
    return readOne(ctx, alertRule, id, await ctx.loaders.alert.load(id));
  },
  id: (a) => a._id,
  agency: (a, _, { loaders }) => (a.agencyCode ? loaders.agency.load(a.agencyCode) : null),
};

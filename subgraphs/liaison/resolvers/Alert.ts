import { entityKey } from '../../../lib/federation';
import type { AlertResolvers } from '../__generated__/resolvers-types';

export const Alert: AlertResolvers = {
  __resolveReference: (ref, { loaders }) => loaders.alert.load(entityKey(ref, 'id')),
  id: (a) => a._id,
  agency: (a, _, { loaders }) => (a.agencyCode ? loaders.agency.load(a.agencyCode) : null),
};

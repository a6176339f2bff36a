import { entityKey } from '../../../lib/federation';
import type { DataRequestResolvers, SharingGrantResolvers } from '../__generated__/resolvers-types';
import type { SharingGrantDoc } from '../models';
import { agencyOf } from './Agency';

/** A grant is active when not revoked and `now` is inside [validFrom, validUntil). */
export function isActive(g: SharingGrantDoc, now = new Date()): boolean {
  return !g.revokedAt && g.validFrom <= now && now < g.validUntil;
}

export const DataRequest: DataRequestResolvers = {
  __resolveReference: (ref, { loaders }) => loaders.dataRequest.load(entityKey(ref, 'id')),
  id: (r) => r._id,
  requester: (r, _, { loaders }) => agencyOf(loaders, r.requesterCode),
  provider: (r, _, { loaders }) => agencyOf(loaders, r.providerCode),
  grant: (r, _, { loaders }) => loaders.grantByRequest.load(r._id),
};

export const SharingGrant: SharingGrantResolvers = {
  __resolveReference: (ref, { loaders }) => loaders.grant.load(entityKey(ref, 'id')),
  id: (g) => g._id,
  grantee: (g, _, { loaders }) => agencyOf(loaders, g.granteeCode),
  provider: (g, _, { loaders }) => agencyOf(loaders, g.providerCode),
  active: (g) => isActive(g),
  request: (g, _, { loaders }) => (g.requestId ? loaders.dataRequest.load(g.requestId) : null),
};

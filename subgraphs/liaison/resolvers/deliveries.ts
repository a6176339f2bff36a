import type { DeliveryResolvers, ResourceType } from '../__generated__/resolvers-types';
import { AuditEventModel, type AuditEventDoc, type SharingGrantDoc } from '../models';
import { agencyOf } from './Agency';

/** The most deliveries `SharingGrant.deliveries` lists (newest first). */
export const MAX_DELIVERIES = 200;

/**
 * 交付记录 of a grant, read from the audit chain (lib/delivery records them): the grantee's audited pages, API
 * (DELIVER) or spreadsheet (EXPORT). Served by the index { grantId, at, _id }. The caller already may read the grant.
 */
export function deliveriesOf(grant: SharingGrantDoc): Promise<AuditEventDoc[]> {
  return AuditEventModel.find({ grantId: grant._id, action: { $in: ['DELIVER', 'EXPORT'] }, outcome: 'ALLOWED' })
    .sort({ at: -1, _id: -1 })
    .limit(MAX_DELIVERIES)
    .lean<AuditEventDoc[]>()
    .exec();
}

export const Delivery: DeliveryResolvers = {
  agency: (e, _, { loaders }) => agencyOf(loaders, e.actorAgency),
  user: (e) => e.actor,
  channel: (e) => (e.action === 'EXPORT' ? 'EXPORT' : 'GRAPHQL'),
  resourceType: (e) => e.resourceType as ResourceType,
  recordCount: (e) => e.resourceIds.length,
  recordIds: (e) => e.resourceIds,
};

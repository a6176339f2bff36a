import { deliver } from '../../../lib/delivery';
import { entityKey } from '../../../lib/federation';
import type { SharingGrantResolvers } from '../__generated__/resolvers-types';
import { RescueApplicationModel, SupportReferralModel, type RescueApplicationDoc, type SupportReferralDoc } from '../models';
import { rescueApplicationPolicy, supportReferralPolicy } from '../policies';

/** 交付: a grant's rescue records for its grantee (lib/delivery), sorted as the root lists (Query.ts). */
export const SharingGrant: SharingGrantResolvers = {
  __resolveReference: (ref) => ({ id: entityKey(ref, 'id') }),
  rescueApplications: (g, { first, after }, ctx) =>
    deliver<RescueApplicationDoc>(ctx, { grantId: g.id, policy: rescueApplicationPolicy, model: RescueApplicationModel, args: { first, after }, sortField: 'listedAt' }),
  supportReferrals: (g, { first, after }, ctx) =>
    deliver<SupportReferralDoc>(ctx, { grantId: g.id, policy: supportReferralPolicy, model: SupportReferralModel, args: { first, after }, sortField: 'referredAt' }),
};

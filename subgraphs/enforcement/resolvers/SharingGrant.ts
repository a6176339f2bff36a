import { deliver } from '../../../lib/delivery';
import { entityKey } from '../../../lib/federation';
import type { SharingGrantResolvers } from '../__generated__/resolvers-types';
import { CriminalTransferModel, EnforcementCaseModel, type CriminalTransferDoc, type EnforcementCaseDoc } from '../models';
import { enforcementCasePolicy, transferPolicy } from '../policies';

/** 交付: a grant's enforcement records for its grantee (lib/delivery), sorted as the root lists (Query.ts). */
export const SharingGrant: SharingGrantResolvers = {
  __resolveReference: (ref) => ({ id: entityKey(ref, 'id') }),
  enforcementCases: (g, { first, after }, ctx) =>
    deliver<EnforcementCaseDoc>(ctx, { grantId: g.id, policy: enforcementCasePolicy, model: EnforcementCaseModel, args: { first, after }, sortField: 'filedAt' }),
  criminalTransfers: (g, { first, after }, ctx) =>
    deliver<CriminalTransferDoc>(ctx, { grantId: g.id, policy: transferPolicy, model: CriminalTransferModel, args: { first, after }, sortField: 'reportedAt' }),
};

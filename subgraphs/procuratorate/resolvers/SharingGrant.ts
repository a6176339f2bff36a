import { deliver } from '../../../lib/delivery';
import { entityKey } from '../../../lib/federation';
import type { SharingGrantResolvers } from '../__generated__/resolvers-types';
import {
  ProcuratorateCaseModel,
  ReverseReferralModel,
  SuggestionModel,
  type ProcuratorateCaseDoc,
  type ReverseReferralDoc,
  type SuggestionDoc,
} from '../models';
import { procuratorateCasePolicy, reverseReferralPolicy, suggestionPolicy } from '../policies';

/** 交付: a grant's procuratorate records for its grantee (lib/delivery; never sealed ones), sorted as the root lists (Query.ts). */
export const SharingGrant: SharingGrantResolvers = {
  __resolveReference: (ref) => ({ id: entityKey(ref, 'id') }),
  procuratorateCases: (g, { first, after }, ctx) =>
    deliver<ProcuratorateCaseDoc>(ctx, { grantId: g.id, policy: procuratorateCasePolicy, model: ProcuratorateCaseModel, args: { first, after }, sortField: 'acceptedAt' }),
  suggestions: (g, { first, after }, ctx) =>
    deliver<SuggestionDoc>(ctx, { grantId: g.id, policy: suggestionPolicy, model: SuggestionModel, args: { first, after }, sortField: 'issuedAt' }),
  reverseReferrals: (g, { first, after }, ctx) =>
    deliver<ReverseReferralDoc>(ctx, { grantId: g.id, policy: reverseReferralPolicy, model: ReverseReferralModel, args: { first, after }, sortField: '_id' }),
};

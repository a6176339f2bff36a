import { paginate } from '../../../lib/pagination';
import type { QueryResolvers } from '../__generated__/resolvers-types';
import {
  ProcuratorateCaseModel,
  ReverseReferralModel,
  SuggestionModel,
  type ProcuratorateCaseDoc,
  type ReverseReferralDoc,
  type SuggestionDoc,
} from '../models';
import { procuratorateCasePolicy, reverseReferralPolicy, suggestionPolicy } from '../policies';
import { caseFilter, referralFilter, suggestionFilter } from './filters';

// Lists are filtered in the query (so totalCount counts only what the caller may see: sealed records of other
// agencies never); a direct lookup the caller may not see is FORBIDDEN, audited (docs/access-guide.md).
export const Query: QueryResolvers = {
  procuratorateCase: async (_, { id }, { loaders, access }) => access.one(procuratorateCasePolicy, await loaders.procuratorateCase.load(id)),
  procuratorateCases: async (_, { filter, first, after }, { access }) => {
    const visible = await access.filter(procuratorateCasePolicy);
    const page = await paginate<ProcuratorateCaseDoc>(ProcuratorateCaseModel, { $and: [caseFilter(filter ?? {}), visible] }, { first, after }, 'acceptedAt');
    return access.page(procuratorateCasePolicy, page);
  },
  suggestions: async (_, { filter, first, after }, { access }) => {
    const visible = await access.filter(suggestionPolicy);
    const page = await paginate<SuggestionDoc>(SuggestionModel, { $and: [suggestionFilter(filter ?? {}), visible] }, { first, after }, 'issuedAt');
    return access.page(suggestionPolicy, page);
  },
  reverseReferrals: async (_, { filter, first, after }, { access }) => {
    const visible = await access.filter(reverseReferralPolicy);
    const page = await paginate<ReverseReferralDoc>(ReverseReferralModel, { $and: [referralFilter(filter ?? {}), visible] }, { first, after });
    return access.page(reverseReferralPolicy, page);
  },
};

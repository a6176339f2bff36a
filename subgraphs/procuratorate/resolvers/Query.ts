import { paginate } from '../../../lib/pagination';
import type { QueryResolvers } from '../__generated__/resolvers-types';
import { visible } from '../access';
import {
  ProcuratorateCaseModel,
  ReverseReferralModel,
  SuggestionModel,
  type ProcuratorateCaseDoc,
  type ReverseReferralDoc,
  type SuggestionDoc,
} from '../models';
import { caseFilter, referralFilter, suggestionFilter } from './filters';

export const Query: QueryResolvers = {
  procuratorateCase: async (_, { id }, { identity, loaders }) => visible(identity, await loaders.procuratorateCase.load(id)),
  procuratorateCases: (_, { filter, first, after }, { identity }) =>
    paginate<ProcuratorateCaseDoc>(ProcuratorateCaseModel, caseFilter(identity, filter ?? {}), { first, after }, 'acceptedAt'),
  suggestions: (_, { filter, first, after }) =>
    paginate<SuggestionDoc>(SuggestionModel, suggestionFilter(filter ?? {}), { first, after }, 'issuedAt'),
  reverseReferrals: (_, { filter, first, after }) =>
    paginate<ReverseReferralDoc>(ReverseReferralModel, referralFilter(filter ?? {}), { first, after }),
};

import { entityKey } from '../../../lib/federation';
import type { SuggestionResolvers } from '../__generated__/resolvers-types';
import { visible } from '../access';
import { isOverdue, replyDueAt } from '../deadlines';

export const Suggestion: SuggestionResolvers = {
  __resolveReference: (ref, { loaders }) => loaders.suggestion.load(entityKey(ref, 'id')),
  id: (s) => s._id,
  procuratorateCase: async (s, _, { identity, loaders }) => visible(identity, await loaders.procuratorateCase.load(s.procuratorateCaseId)),
  targetAgency: (s) => ({ code: s.targetAgencyCode }),
  replyDueAt: (s) => replyDueAt(s),
  overdue: (s) => isOverdue(s),
};

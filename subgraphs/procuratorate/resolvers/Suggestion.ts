import { entityKey } from '../../../lib/federation';
import type { SuggestionResolvers } from '../__generated__/resolvers-types';
import { visible } from '../access';
import { main, running, suggestionClocks, suggestionReplyDueAt } from '../deadlines';
import { suggestionNextSteps } from '../workflow';
import { deadlinesOf } from './ProcuratorateCase';

export const Suggestion: SuggestionResolvers = {
  __resolveReference: (ref, { loaders }) => loaders.suggestion.load(entityKey(ref, 'id')),
  id: (s) => s._id,
  procuratorateCase: async (s, _, { identity, loaders }) => visible(identity, await loaders.procuratorateCase.load(s.procuratorateCaseId)),
  targetAgency: (s) => ({ code: s.targetAgencyCode }),
  replyDueAt: (s) => suggestionReplyDueAt(s),
  history: (s) => s.history ?? [],
  allowedNextSteps: (s) => suggestionNextSteps(s),
  deadlines: (s) => deadlinesOf(running(suggestionClocks(s))),
  dueAt: (s) => main(suggestionClocks(s))?.dueAt ?? null,
  overdue: (s) => main(suggestionClocks(s))?.overdue ?? false,
};

import { entityKey } from '../../../lib/federation';
import type { SuggestionResolvers } from '../__generated__/resolvers-types';
import { main, running, suggestionClocks, suggestionReplyDueAt } from '../deadlines';
import { procuratorateCasePolicy, suggestionPolicy } from '../policies';
import { suggestions } from '../workflow';
import { deadlinesOf } from './ProcuratorateCase';

export const Suggestion: SuggestionResolvers = {
  __resolveReference: async (ref, { loaders, access }) => access.one(suggestionPolicy, await loaders.suggestion.load(entityKey(ref, 'id'))),
  id: (s) => s._id,
  // A link the caller may not follow (e.g. a grant on suggestions only) is null, not an error.
  procuratorateCase: async (s, _, { loaders, access }) => access.follow(procuratorateCasePolicy, await loaders.procuratorateCase.load(s.procuratorateCaseId)),
  targetAgency: (s) => ({ code: s.targetAgencyCode }),
  replyDueAt: (s) => suggestionReplyDueAt(s),
  history: (s) => s.history ?? [],
  allowedNextSteps: (s) => suggestions.nextSteps(s),
  deadlines: (s) => deadlinesOf(running(suggestionClocks(s))),
  dueAt: (s) => main(suggestionClocks(s))?.dueAt ?? null,
  overdue: (s) => main(suggestionClocks(s))?.overdue ?? false,
};

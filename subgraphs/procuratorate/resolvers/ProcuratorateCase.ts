import { entityKey } from '../../../lib/federation';
import type { ProcuratorateCaseResolvers } from '../__generated__/resolvers-types';
import { caseClocks, isPendingTooLong, main, running, type RecordClock } from '../deadlines';
import { procuratorateCasePolicy, reverseReferralPolicy, suggestionPolicy } from '../policies';
import { caseNextSteps } from '../workflow';

/** The `deadlines` of a record: its running clocks as Deadline values. */
export const deadlinesOf = (clocks: RecordClock[]) => clocks.map(({ rule, dueAt, overdue }) => ({ rule, dueAt, overdue }));

export const ProcuratorateCase: ProcuratorateCaseResolvers = {
  __resolveReference: async (ref, { loaders, access }) =>
    access.one(procuratorateCasePolicy, await loaders.procuratorateCase.load(entityKey(ref, 'id'))),
  id: (c) => c._id,
  agency: (c) => ({ code: c.agencyCode }),
  suspects: (c) => c.personIds.map((id) => ({ id })),
  victims: (c) => c.victimIds.map((id) => ({ id })),
  enterprises: (c) => c.creditCodes.map((creditCode) => ({ creditCode })),
  pendingTooLong: (c) => isPendingTooLong(c),
  sourceTransfer: (c) => (c.sourceTransferId ? { id: c.sourceTransferId } : null),
  // The referrals the caller may see: all for the owner, its own for a competent agency, granted ones.
  reverseReferrals: async (c, _, { loaders, access }) => access.visible(reverseReferralPolicy, await loaders.referralsByCase.load(c._id)),
  consultationAgency: (c) => (c.consultationAgencyCode ? { code: c.consultationAgencyCode } : null),
  preSuitSuggestion: async (c, _, { loaders, access }) =>
    c.preSuitSuggestionId ? access.follow(suggestionPolicy, await loaders.suggestion.load(c.preSuitSuggestionId)) : null,
  history: (c) => c.history ?? [],
  allowedNextSteps: (c) => caseNextSteps(c),
  deadlines: (c) => deadlinesOf(running(caseClocks(c))),
  dueAt: (c) => main(caseClocks(c))?.dueAt ?? null,
  overdue: (c) => main(caseClocks(c))?.overdue ?? false,
};

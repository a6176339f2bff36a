import { entityKey } from '../../../lib/federation';
import type { CriminalTransferResolvers } from '../__generated__/resolvers-types';
import { mainClock, runningClocks } from '../deadlines';
import { enforcementCasePolicy, transferPolicy } from '../policies';
import { transfers } from '../workflow';

export const CriminalTransfer: CriminalTransferResolvers = {
  /** FORBIDDEN (audited) when the caller may not see the transfer (docs/access-guide.md). */
  __resolveReference: async (ref, { loaders, access }) => access.one(transferPolicy, await loaders.transfer.load(entityKey(ref, 'id'))),
  id: (t) => t._id,
  agency: (t) => ({ code: t.agencyCode }),
  policeAgency: (t) => ({ code: t.policeAgencyCode }),
  procuratorateCopy: (t) => (t.procuratorateCopyCode ? { code: t.procuratorateCopyCode } : null),
  /** A case the caller may not see (e.g. a grant of transfers only) is null, not an error. */
  enforcementCase: async (t, _, { loaders, access }) => access.follow(enforcementCasePolicy, await loaders.enforcementCase.load(t.enforcementCaseId)),
  history: (t) => t.history ?? [],
  allowedNextSteps: (t) => transfers.nextSteps(t),
  deadlines: (t) => runningClocks(t).map(({ rule, dueAt, overdue }) => ({ rule, dueAt, overdue })),
  dueAt: (t) => mainClock(t)?.dueAt ?? null,
  overdue: (t) => mainClock(t)?.overdue ?? false,
};

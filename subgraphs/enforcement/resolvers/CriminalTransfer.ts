import { forbidden } from '../../../lib/errors';
import { entityKey } from '../../../lib/federation';
import type { CriminalTransferResolvers } from '../__generated__/resolvers-types';
import { mainClock, runningClocks } from '../deadlines';
import { transferNextSteps } from '../workflow';

export const CriminalTransfer: CriminalTransferResolvers = {
  __resolveReference: (ref, { loaders }) => loaders.transfer.load(entityKey(ref, 'id')),
  id: (t) => t._id,
  agency: (t) => ({ code: t.agencyCode }),
  policeAgency: (t) => ({ code: t.policeAgencyCode }),
  procuratorateCopy: (t) => (t.procuratorateCopyCode ? { code: t.procuratorateCopyCode } : null),
  enforcementCase: async (t, _, { loaders }) => {
    const found = await loaders.enforcementCase.load(t.enforcementCaseId);
    if (!found) throw forbidden();
    return found;
  },
  history: (t) => t.history ?? [],
  allowedNextSteps: (t) => transferNextSteps(t),
  deadlines: (t) => runningClocks(t).map(({ rule, dueAt, overdue }) => ({ rule, dueAt, overdue })),
  dueAt: (t) => mainClock(t)?.dueAt ?? null,
  overdue: (t) => mainClock(t)?.overdue ?? false,
};

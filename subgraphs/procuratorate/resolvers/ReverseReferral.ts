import { forbidden } from '../../../lib/errors';
import { entityKey } from '../../../lib/federation';
import { nextSteps } from '../../../lib/workflow';
import type { ReverseReferralResolvers } from '../__generated__/resolvers-types';
import { visible } from '../access';
import { main, referralClocks, running } from '../deadlines';
import { REFERRAL_MACHINE } from '../workflow';
import { deadlinesOf } from './ProcuratorateCase';

export const ReverseReferral: ReverseReferralResolvers = {
  __resolveReference: (ref, { loaders }) => loaders.referral.load(entityKey(ref, 'id')),
  id: (r) => r._id,
  procuratorateCase: async (r, _, { identity, loaders }) => {
    const found = visible(identity, await loaders.procuratorateCase.load(r.procuratorateCaseId));
    if (!found) throw forbidden();
    return found;
  },
  enforcementCase: (r) => (r.enforcementCaseId ? { id: r.enforcementCaseId } : null),
  competentAgency: (r) => ({ code: r.competentAgencyCode }),
  pauses: (r) => r.pauses ?? [],
  history: (r) => r.history ?? [],
  allowedNextSteps: (r) => nextSteps(REFERRAL_MACHINE, r.status),
  deadlines: (r) => deadlinesOf(running(referralClocks(r))),
  dueAt: (r) => main(referralClocks(r))?.dueAt ?? null,
  overdue: (r) => main(referralClocks(r))?.overdue ?? false,
};

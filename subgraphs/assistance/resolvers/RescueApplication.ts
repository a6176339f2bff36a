import { entityKey } from '../../../lib/federation';
import type { RescueApplicationResolvers } from '../__generated__/resolvers-types';
import { rescueApplicationPolicy, supportReferralPolicy } from '../policies';
import { rescueClocks, runningClocks } from '../deadlines';
import { amountOf, applications } from '../workflow';

export const RescueApplication: RescueApplicationResolvers = {
  __resolveReference: async (ref, { loaders, access }) => access.one(rescueApplicationPolicy, await loaders.application.load(entityKey(ref, 'id'))),
  id: (a) => a._id,
  applicant: (a) => ({ id: a.applicantId }),
  procuratorateCase: (a) => (a.procuratorateCaseId ? { id: a.procuratorateCaseId } : null),
  agency: (a) => ({ code: a.agencyCode }),
  amount: (a) => amountOf(a),
  overCapApproved: (a) => !!a.overCapApproval,
  overCapApproval: (a) => a.overCapApproval ?? null,
  exclusionChecks: (a) => a.exclusionChecks.map((c) => ({ exclusion: c.exclusion, applies: c.applies, note: c.note ?? null })),
  decisionDueAt: (a) => rescueClocks(a).decision?.dueAt ?? null,
  decisionOverdue: (a) => rescueClocks(a).decision?.overdue ?? false,
  notificationDueAt: (a) => rescueClocks(a).notification?.dueAt ?? null,
  notificationOverdue: (a) => rescueClocks(a).notification?.overdue ?? false,
  history: (a) => a.history ?? [],
  allowedNextSteps: (a) => applications.nextSteps(a),
  deadlines: (a) => runningClocks(a).map(({ rule, dueAt, overdue }) => ({ rule, dueAt, overdue })),
  dueAt: (a) => runningClocks(a)[0]?.dueAt ?? null,
  overdue: (a) => runningClocks(a).some((c) => c.overdue),
  // The referrals the caller may see: all for the owner, its own for a receiving agency.
  supportReferrals: async (a, _, { loaders, access }) => access.visible(supportReferralPolicy, await loaders.referralsByApplication.load(a._id)),
};

import { entityKey } from '../../../lib/federation';
import { parsePeriod, type Period } from '../../../lib/period';
import { countByStatus } from '../../../lib/stats';
import type { AssistanceStatsResolvers, DashboardResolvers } from '../__generated__/resolvers-types';
import { GROUPS, RescueApplicationModel, SupportReferralModel, type RescueApplicationDoc } from '../models';
import { amountOf, APPROVED_OR_LATER } from '../workflow';

const within = (p: Period) => ({ $gte: p.from, $lt: p.to });

type Paid = Pick<RescueApplicationDoc, 'applicantId' | 'groups' | 'months' | 'monthlyWage'>;
const paidCache = new WeakMap<Period, Promise<Paid[]>>();

/** Applications paid in the period, projected; one query shared by the fields of one Dashboard. */
function paidIn(p: Period): Promise<Paid[]> {
  let rows = paidCache.get(p);
  if (!rows) {
    rows = RescueApplicationModel.find({ disbursedAt: within(p) }, { applicantId: 1, groups: 1, months: 1, monthlyWage: 1 })
      .lean<Paid[]>()
      .exec();
    paidCache.set(p, rows);
  }
  return rows;
}

const distinctApplicants = (rows: Paid[]) => new Set(rows.map((r) => r.applicantId)).size;

export const Dashboard: DashboardResolvers = {
  __resolveReference: (ref) => parsePeriod(entityKey(ref, 'period')),
  assistance: (p) => p,
};

export const AssistanceStats: AssistanceStatsResolvers = {
  applications: (p) => RescueApplicationModel.countDocuments({ appliedAt: within(p) }).exec(),
  approved: (p) => RescueApplicationModel.countDocuments({ decidedAt: within(p), status: { $in: APPROVED_OR_LATER } }).exec(),
  personsAssisted: async (p) => distinctApplicants(await paidIn(p)),
  // Summed from the rows `paidIn` already read for persons and groups: no second query.
  amountDisbursed: async (p) => Math.round((await paidIn(p)).reduce((sum, r) => sum + (amountOf(r) ?? 0) * 100, 0)) / 100,
  byGroup: async (p) => {
    const rows = await paidIn(p);
    return GROUPS.map((g) => ({ status: g, count: distinctApplicants(rows.filter((r) => r.groups.includes(g))) }))
      .filter((c) => c.count > 0)
      .sort((a, b) => a.status.localeCompare(b.status));
  },
  referralsByKind: (p) => countByStatus(SupportReferralModel, 'kind', { referredAt: within(p) }),
  referralsCompleted: (p) => SupportReferralModel.countDocuments({ referredAt: within(p), status: 'COMPLETED' }).exec(),
};

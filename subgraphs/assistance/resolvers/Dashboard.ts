import { entityKey } from '../../../lib/federation';
import { parsePeriod, type Period } from '../../../lib/period';
import { countInPeriods, keysOf, PeriodGrid, perPeriod, rate, statusCounts, tally, total } from '../../../lib/stats';
import type { AssistanceStatsResolvers, DashboardResolvers } from '../__generated__/resolvers-types';
import type { Context } from '../context';
import { GROUPS, RescueApplicationModel, SupportReferralModel, type RescueApplicationDoc } from '../models';
import { amountOf, APPROVED_OR_LATER } from '../workflow';

// The assistance section of the joint dashboard (docs/domain.md#dashboards): one database command per query below
// for every period of a request (a trend's Dashboard entities come in one _entities call), whatever their number.

type Paid = Pick<RescueApplicationDoc, 'agencyCode' | 'applicantId' | 'groups' | 'months' | 'monthlyWage' | 'disbursedAt'>;

/**
 * Applications paid in each period, projected, from one find over all the periods. The applicant's pseudonymous id
 * is read only to count distinct persons; it never leaves this file.
 */
async function paidIn(ps: readonly Period[]): Promise<Paid[][]> {
  const grid = new PeriodGrid(ps);
  const rows = await RescueApplicationModel.find(grid.match('disbursedAt'), { agencyCode: 1, applicantId: 1, groups: 1, months: 1, monthlyWage: 1, disbursedAt: 1 })
    .lean<Paid[]>()
    .exec();
  return ps.map((p) => {
    const inside = new Set(grid.intervalsOf(p));
    return rows.filter((r) => inside.has(grid.indexOf(r.disbursedAt!)));
  });
}

const queries = {
  applications: (ps: readonly Period[]) => countInPeriods(RescueApplicationModel, { date: 'appliedAt', by: { agency: '$agencyCode' } }, ps),
  /** Applications approved in the period, and of them those paid by now (救助到位率). */
  approved: (ps: readonly Period[]) =>
    countInPeriods(RescueApplicationModel, {
      date: 'decidedAt', match: { status: { $in: APPROVED_OR_LATER } }, by: { agency: '$agencyCode' }, when: { disbursed: { $gt: ['$disbursedAt', null] } },
    }, ps),
  paid: paidIn,
  /** Applications whose running deadline fell due in the period, before now (the handling procuratorate owes every step). */
  overdue: (ps: readonly Period[]) => countInPeriods(RescueApplicationModel, { date: 'nextDueAt', until: new Date(), by: { agency: '$agencyCode' } }, ps),
  /** Support referrals made in the period, by receiving agency and kind, with those completed. */
  referrals: (ps: readonly Period[]) =>
    countInPeriods(SupportReferralModel, {
      date: 'referredAt', by: { agency: '$receivingAgencyCode', kind: '$kind' }, when: { completed: { $eq: ['$status', 'COMPLETED'] } },
    }, ps),
};

type Query = keyof typeof queries;
type Rows<Q extends Query> = Awaited<ReturnType<(typeof queries)[Q]>>[number];
const load = <Q extends Query>(ctx: Context, q: Q, p: Period): Promise<Rows<Q>> =>
  perPeriod(ctx, `assistance.${q}`, queries[q] as (ps: readonly Period[]) => Promise<Rows<Q>[]>).load(p);

const distinctApplicants = (rows: readonly Paid[]) => new Set(rows.map((r) => r.applicantId)).size;
/** Summed in fen, so that yuan amounts add up exactly. */
const amount = (rows: readonly Paid[]) => Math.round(rows.reduce((sum, r) => sum + (amountOf(r) ?? 0) * 100, 0)) / 100;

export const Dashboard: DashboardResolvers = {
  __resolveReference: (ref) => parsePeriod(entityKey(ref, 'period')),
  assistance: (p) => p,
};

export const AssistanceStats: AssistanceStatsResolvers = {
  applications: async (p, _, ctx) => total(await load(ctx, 'applications', p)),
  approved: async (p, _, ctx) => total(await load(ctx, 'approved', p)),
  personsAssisted: async (p, _, ctx) => distinctApplicants(await load(ctx, 'paid', p)),
  amountDisbursed: async (p, _, ctx) => amount(await load(ctx, 'paid', p)),
  byGroup: async (p, _, ctx) => {
    const rows = await load(ctx, 'paid', p);
    return GROUPS.map((g) => ({ status: g, count: distinctApplicants(rows.filter((r) => r.groups.includes(g))) }))
      .filter((c) => c.count > 0)
      .sort((a, b) => a.status.localeCompare(b.status));
  },
  referralsByKind: async (p, _, ctx) => statusCounts(await load(ctx, 'referrals', p), 'kind'),
  referralsCompleted: async (p, _, ctx) => total(await load(ctx, 'referrals', p), 'completed'),
  disbursementRate: async (p, _, ctx) => {
    const rows = await load(ctx, 'approved', p);
    return rate(total(rows, 'disbursed'), total(rows));
  },
  applicationsOverdue: async (p, _, ctx) => total(await load(ctx, 'overdue', p)),
  byAgency: async (p, _, ctx) => {
    const [applications, approved, paid, overdue, referrals] = await Promise.all([
      load(ctx, 'applications', p), load(ctx, 'approved', p), load(ctx, 'paid', p), load(ctx, 'overdue', p), load(ctx, 'referrals', p),
    ]);
    const paidBy = new Map<string | null, Paid[]>();
    for (const r of paid) paidBy.set(r.agencyCode, [...(paidBy.get(r.agencyCode) ?? []), r]);
    const t = {
      applications: tally(applications, 'agency', ['count']),
      approved: tally(approved, 'agency', ['count', 'disbursed']),
      overdue: tally(overdue, 'agency', ['count']),
      referrals: tally(referrals, 'agency', ['count', 'completed']),
    };
    return keysOf(...Object.values(t), paidBy).map((code) => {
      const a = t.approved.get(code) ?? { count: 0, disbursed: 0 };
      const r = t.referrals.get(code) ?? { count: 0, completed: 0 };
      return {
        agency: { code },
        applications: t.applications.get(code)?.count ?? 0,
        approved: a.count,
        disbursementRate: rate(a.disbursed, a.count),
        amountDisbursed: amount(paidBy.get(code) ?? []),
        applicationsOverdue: t.overdue.get(code)?.count ?? 0,
        referralsReceived: r.count,
        referralsCompleted: r.completed,
      };
    });
  },
};

import { entityKey } from '../../../lib/federation';
import { parsePeriod, type Period } from '../../../lib/period';
import { countInPeriods, keysOf, perPeriod, rate, statusCounts, tally, total } from '../../../lib/stats';
import type { Context } from '../context';
import type { DashboardResolvers, ProcuratorateStatsResolvers, ReverseReferralStatus, SuggestionStatus } from '../__generated__/resolvers-types';
import { pendingThreshold } from '../deadlines';
import { ProcuratorateCaseModel, ReverseReferralModel, SuggestionModel } from '../models';

// The procuratorate section of the joint dashboard (docs/domain.md#dashboards): one aggregate command per query
// below for every period of a request (a trend's Dashboard entities come in one _entities call), whatever their number.

/**
 * Sealed juvenile records (and the suggestions and referrals of sealed cases) are not counted at all, not even as
 * anonymous totals: small county counts by agency, field and month could single a juvenile out
 * (docs/domain.md#sealed-juvenile-records).
 */
const NOT_SEALED = { sealed: { $ne: true } } as const;
const RECTIFIED: SuggestionStatus[] = ['VERIFIED', 'CLOSED'];
/** The competent agency owes its decision on the opinion; every other step of a referral is the procuratorate's. */
const AGENCY_OWES: ReverseReferralStatus[] = ['OPINION_ISSUED'];
const NEVER = new Date('9999-12-31T00:00:00Z');

const queries = {
  /** Cases accepted, by handling agency, type and public-interest field, with how far public-interest ones went. */
  cases: (ps: readonly Period[]) =>
    countInPeriods(ProcuratorateCaseModel, {
      date: 'acceptedAt', match: NOT_SEALED,
      by: { agency: '$agencyCode', type: '$type', field: '$publicInterestField' },
      when: { filed: { $gt: ['$filedAt', null] }, preSuit: { $gt: ['$preSuitSuggestionAt', null] }, litigated: { $gt: ['$litigatedAt', null] } },
    }, ps),
  /** Suggestions recorded (a discarded draft was never issued). */
  issued: (ps: readonly Period[]) =>
    countInPeriods(SuggestionModel, { date: 'issuedAt', match: { ...NOT_SEALED, status: { $ne: 'DISCARDED' } } }, ps),
  /** Suggestions served, by target agency: withdrawn, replied and rectified of them by now (回复率, 整改率). */
  served: (ps: readonly Period[]) =>
    countInPeriods(SuggestionModel, {
      date: 'servedAt', match: NOT_SEALED, by: { agency: '$targetAgencyCode' },
      when: { withdrawn: { $eq: ['$status', 'WITHDRAWN'] }, replied: { $gt: ['$repliedAt', null] }, rectified: { $in: ['$status', RECTIFIED] } },
    }, ps),
  replied: (ps: readonly Period[]) => countInPeriods(SuggestionModel, { date: 'repliedAt', match: NOT_SEALED }, ps),
  /** Replies that fell due in the period, before now, and are still missing, by the target agency that owes them. */
  suggestionsOverdue: (ps: readonly Period[]) =>
    countInPeriods(SuggestionModel, {
      date: 'replyDueAt', until: new Date(), match: { ...NOT_SEALED, repliedAt: null, status: { $ne: 'WITHDRAWN' } }, by: { agency: '$targetAgencyCode' },
    }, ps),
  referred: (ps: readonly Period[]) =>
    countInPeriods(ReverseReferralModel, { date: 'referredAt', match: NOT_SEALED, by: { agency: '$competentAgencyCode' } }, ps),
  opinions: (ps: readonly Period[]) => countInPeriods(ReverseReferralModel, { date: 'opinionIssuedAt', match: NOT_SEALED }, ps),
  results: (ps: readonly Period[]) =>
    countInPeriods(ReverseReferralModel, { date: 'resultReportedAt', match: NOT_SEALED, by: { agency: '$competentAgencyCode' } }, ps),
  referralsOverdue: (ps: readonly Period[]) =>
    countInPeriods(ReverseReferralModel, {
      date: 'nextDueAt', until: new Date(), match: NOT_SEALED,
      by: { agency: { $cond: [{ $in: ['$status', AGENCY_OWES] }, '$competentAgencyCode', '$agencyCode'] } },
    }, ps),
  publicInterestOverdue: (ps: readonly Period[]) =>
    countInPeriods(ProcuratorateCaseModel, { date: 'nextDueAt', until: new Date(), match: { ...NOT_SEALED, type: 'PUBLIC_INTEREST' }, by: { agency: '$agencyCode' } }, ps),
  /** 挂案 at the end of each period (or now): company-related, accepted long enough before, not closed by then. One $group, a sum per period. */
  pendingTooLong: async (ps: readonly Period[]) => {
    const now = Date.now();
    const asOf = ps.map((p) => new Date(Math.min(p.to.getTime(), now)));
    const thresholds = asOf.map((d) => pendingThreshold(d));
    const sums = Object.fromEntries(ps.map((_, i) => [`p${i}`, {
      $sum: { $cond: [{ $and: [{ $lte: ['$acceptedAt', thresholds[i]] }, { $gt: [{ $ifNull: ['$closedAt', NEVER] }, asOf[i]] }] }, 1, 0] },
    }]));
    const latest = new Date(Math.max(...thresholds.map((d) => d.getTime())));
    const earliest = new Date(Math.min(...asOf.map((d) => d.getTime())));
    const [row] = (await ProcuratorateCaseModel.aggregate([
      { $match: { ...NOT_SEALED, 'creditCodes.0': { $exists: true }, acceptedAt: { $lte: latest }, $or: [{ closedAt: null }, { closedAt: { $gt: earliest } }] } },
      { $group: { _id: null, ...sums } },
    ])) as Record<string, number>[];
    return ps.map((_, i) => row?.[`p${i}`] ?? 0);
  },
};

type Query = keyof typeof queries;
type Result<Q extends Query> = Awaited<ReturnType<(typeof queries)[Q]>>[number];
const load = <Q extends Query>(ctx: Context, q: Q, p: Period): Promise<Result<Q>> =>
  perPeriod(ctx, `procuratorate.${q}`, queries[q] as (ps: readonly Period[]) => Promise<Result<Q>[]>).load(p);

/** 回复率 and 整改率 from the served suggestions' sums. */
const replyRate = (s: { count: number; withdrawn: number; replied: number }) => rate(s.replied, s.count - s.withdrawn);
const rectificationRate = (s: { replied: number; rectified: number }) => rate(s.rectified, s.replied);

export const Dashboard: DashboardResolvers = {
  __resolveReference: (ref) => parsePeriod(entityKey(ref, 'period')),
  procuratorate: (p) => p,
};

// Aggregates for every member agency; sealed records never counted (docs/domain.md#sealed-juvenile-records).
export const ProcuratorateStats: ProcuratorateStatsResolvers = {
  casesAccepted: async (p, _, ctx) => total(await load(ctx, 'cases', p)),
  casesByType: async (p, _, ctx) => statusCounts(await load(ctx, 'cases', p), 'type'),
  suggestionsIssued: async (p, _, ctx) => total(await load(ctx, 'issued', p)),
  suggestionsServed: async (p, _, ctx) => total(await load(ctx, 'served', p)),
  suggestionsReplied: async (p, _, ctx) => total(await load(ctx, 'replied', p)),
  suggestionsOverdue: async (p, _, ctx) => total(await load(ctx, 'suggestionsOverdue', p)),
  replyRate: async (p, _, ctx) => {
    const rows = await load(ctx, 'served', p);
    return replyRate({ count: total(rows), withdrawn: total(rows, 'withdrawn'), replied: total(rows, 'replied') });
  },
  rectificationRate: async (p, _, ctx) => {
    const rows = await load(ctx, 'served', p);
    return rectificationRate({ replied: total(rows, 'replied'), rectified: total(rows, 'rectified') });
  },
  reverseReferrals: async (p, _, ctx) => total(await load(ctx, 'referred', p)),
  opinionsIssued: async (p, _, ctx) => total(await load(ctx, 'opinions', p)),
  resultsReported: async (p, _, ctx) => total(await load(ctx, 'results', p)),
  reverseReferralsOverdue: async (p, _, ctx) => total(await load(ctx, 'referralsOverdue', p)),
  publicInterestOverdue: async (p, _, ctx) => total(await load(ctx, 'publicInterestOverdue', p)),
  pendingTooLong: (p, _, ctx) => load(ctx, 'pendingTooLong', p),
  byAgency: async (p, _, ctx) => {
    const [cases, served, suggestionsOverdue, referred, results, referralsOverdue, publicInterestOverdue] = await Promise.all([
      load(ctx, 'cases', p), load(ctx, 'served', p), load(ctx, 'suggestionsOverdue', p), load(ctx, 'referred', p), load(ctx, 'results', p),
      load(ctx, 'referralsOverdue', p), load(ctx, 'publicInterestOverdue', p),
    ]);
    const t = {
      cases: tally(cases, 'agency', ['count']),
      served: tally(served, 'agency', ['count', 'withdrawn', 'replied', 'rectified']),
      suggestionsOverdue: tally(suggestionsOverdue, 'agency', ['count']),
      referred: tally(referred, 'agency', ['count']),
      results: tally(results, 'agency', ['count']),
      referralsOverdue: tally(referralsOverdue, 'agency', ['count']),
      publicInterestOverdue: tally(publicInterestOverdue, 'agency', ['count']),
    };
    const n = (m: Map<string | null, { count: number }>, code: string) => m.get(code)?.count ?? 0;
    return keysOf(...Object.values(t)).map((code) => {
      const s = t.served.get(code) ?? { count: 0, withdrawn: 0, replied: 0, rectified: 0 };
      return {
        agency: { code },
        casesAccepted: n(t.cases, code),
        suggestionsServed: s.count,
        replyRate: replyRate(s),
        rectificationRate: rectificationRate(s),
        suggestionsOverdue: n(t.suggestionsOverdue, code),
        reverseReferrals: n(t.referred, code),
        resultsReported: n(t.results, code),
        reverseReferralsOverdue: n(t.referralsOverdue, code),
        publicInterestOverdue: n(t.publicInterestOverdue, code),
      };
    });
  },
  publicInterestByField: async (p, _, ctx) => {
    const rows = (await load(ctx, 'cases', p)).filter((r) => r.type === 'PUBLIC_INTEREST');
    return [...tally(rows, 'field', ['count', 'filed', 'preSuit', 'litigated'])]
      .map(([field, s]) => ({ field, cases: s.count, filed: s.filed, preSuitSuggestions: s.preSuit, litigated: s.litigated }))
      // By code point, a field not recorded last.
      .sort((a, b) => (a.field === b.field ? 0 : a.field === null ? 1 : b.field === null ? -1 : a.field < b.field ? -1 : 1));
  },
};

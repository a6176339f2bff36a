import { entityKey } from '../../../lib/federation';
import { parsePeriod, type Period } from '../../../lib/period';
import { countInPeriods, keysOf, perPeriod, rate, statusCounts, tally, total, type CountRow } from '../../../lib/stats';
import type { Context } from '../context';
import type { DashboardResolvers, EnforcementField, EnforcementStatsResolvers, TransferStatus } from '../__generated__/resolvers-types';
import { CriminalTransferModel, EnforcementCaseModel } from '../models';

// The enforcement section of the joint dashboard (docs/domain.md#dashboards): one aggregate command per query
// below for every period of a request (a trend's Dashboard entities come in one _entities call), whatever their number.

/** Statuses in which the police owe the step (review, reconsideration, explanation or filing under supervision). */
const POLICE_OWES: TransferStatus[] = ['RECEIPTED', 'POLICE_REVIEW', 'RECONSIDERATION', 'PROCURATORATE_SUPERVISION'];

/** A transfer's field is its enforcement case's: looked up in the same database. */
const CASE_FIELD = [
  { $lookup: { from: EnforcementCaseModel.collection.collectionName, localField: 'enforcementCaseId', foreignField: '_id', as: 'case' } },
];
const TRANSFER_KEYS = { agency: '$agencyCode', field: { $arrayElemAt: ['$case.field', 0] } };

const queries = {
  /** Cases filed, by agency and field. */
  cases: (ps: readonly Period[]) => countInPeriods(EnforcementCaseModel, { date: 'filedAt', by: { agency: '$agencyCode', field: '$field' } }, ps),
  /** Transfers reported, and of them those sent by now (移送率). */
  reported: (ps: readonly Period[]) =>
    countInPeriods(CriminalTransferModel, { date: 'reportedAt', stages: CASE_FIELD, by: TRANSFER_KEYS, when: { sent: { $gt: ['$sentAt', null] } } }, ps),
  /** Transfers sent, and of them those filed by now (立案率). */
  sent: (ps: readonly Period[]) =>
    countInPeriods(CriminalTransferModel, { date: 'sentAt', stages: CASE_FIELD, by: TRANSFER_KEYS, when: { filed: { $eq: ['$status', 'FILED'] } } }, ps),
  /** Transfers filed by the police in the period. */
  filed: (ps: readonly Period[]) => countInPeriods(CriminalTransferModel, { date: 'filedAt', stages: CASE_FIELD, by: TRANSFER_KEYS }, ps),
  /** Transfers whose current duty fell due in the period and is past now, by the agency owing it. */
  overdue: (ps: readonly Period[]) =>
    countInPeriods(
      CriminalTransferModel,
      { date: 'nextDueAt', until: new Date(), by: { agency: { $cond: [{ $in: ['$status', POLICE_OWES] }, '$policeAgencyCode', '$agencyCode'] } } },
      ps,
    ),
};

type Query = keyof typeof queries;
type Rows<Q extends Query> = Awaited<ReturnType<(typeof queries)[Q]>>[number];
const load = <Q extends Query>(ctx: Context, q: Q, p: Period): Promise<Rows<Q>> =>
  perPeriod(ctx, `enforcement.${q}`, queries[q] as (ps: readonly Period[]) => Promise<Rows<Q>[]>).load(p);

/** The five queries of one period (each shared with every other field of the request that needs it). */
async function all(ctx: Context, p: Period) {
  const [cases, reported, sent, filed, overdue] = await Promise.all([
    load(ctx, 'cases', p), load(ctx, 'reported', p), load(ctx, 'sent', p), load(ctx, 'filed', p), load(ctx, 'overdue', p),
  ]);
  return { cases, reported, sent, filed, overdue };
}

/** The numbers of a breakdown row, from the sums of one key's value (agency or field). */
function numbers(key: string, t: {
  cases: Map<string | null, { count: number }>;
  reported: Map<string | null, { count: number; sent: number }>;
  sent: Map<string | null, { count: number; filed: number }>;
  filed: Map<string | null, { count: number }>;
}) {
  const reported = t.reported.get(key) ?? { count: 0, sent: 0 };
  const sent = t.sent.get(key) ?? { count: 0, filed: 0 };
  return {
    casesFiled: t.cases.get(key)?.count ?? 0,
    transfersReported: reported.count,
    transfersSent: sent.count,
    transfersFiled: t.filed.get(key)?.count ?? 0,
    transferRate: rate(reported.sent, reported.count),
    filingRate: rate(sent.filed, sent.count),
  };
}

function tallies<K extends 'agency' | 'field'>(key: K, q: {
  cases: CountRow<'agency' | 'field', never>[];
  reported: CountRow<'agency' | 'field', 'sent'>[];
  sent: CountRow<'agency' | 'field', 'filed'>[];
  filed: CountRow<'agency' | 'field', never>[];
}) {
  return {
    cases: tally(q.cases, key, ['count']),
    reported: tally(q.reported, key, ['count', 'sent']),
    sent: tally(q.sent, key, ['count', 'filed']),
    filed: tally(q.filed, key, ['count']),
  };
}

export const Dashboard: DashboardResolvers = {
  __resolveReference: (ref) => parsePeriod(entityKey(ref, 'period')),
  enforcement: (p) => p,
};

export const EnforcementStats: EnforcementStatsResolvers = {
  casesFiled: async (p, _, ctx) => total(await load(ctx, 'cases', p)),
  casesByField: async (p, _, ctx) => statusCounts(await load(ctx, 'cases', p), 'field'),
  transfersReported: async (p, _, ctx) => total(await load(ctx, 'reported', p)),
  transfersSent: async (p, _, ctx) => total(await load(ctx, 'sent', p)),
  transfersFiled: async (p, _, ctx) => total(await load(ctx, 'filed', p)),
  transferRate: async (p, _, ctx) => {
    const rows = await load(ctx, 'reported', p);
    return rate(total(rows, 'sent'), total(rows));
  },
  filingRate: async (p, _, ctx) => {
    const rows = await load(ctx, 'sent', p);
    return rate(total(rows, 'filed'), total(rows));
  },
  transfersOverdue: async (p, _, ctx) => total(await load(ctx, 'overdue', p)),
  byAgency: async (p, _, ctx) => {
    const q = await all(ctx, p);
    const t = tallies('agency', q);
    const overdue = tally(q.overdue, 'agency', ['count']);
    return keysOf(t.cases, t.reported, t.sent, t.filed, overdue).map((code) => ({
      agency: { code },
      ...numbers(code, t),
      transfersOverdue: overdue.get(code)?.count ?? 0,
    }));
  },
  byField: async (p, _, ctx) => {
    const t = tallies('field', await all(ctx, p));
    return keysOf(t.cases, t.reported, t.sent, t.filed).map((field) => ({ field: field as EnforcementField, ...numbers(field, t) }));
  },
};

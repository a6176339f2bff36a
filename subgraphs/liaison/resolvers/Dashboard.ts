import { PROCURATORATE_CODE } from '../../../lib/agencies';
import { entityKey } from '../../../lib/federation';
import { parsePeriod, periodRange, type Period } from '../../../lib/period';
import { countInPeriods, keysOf, PeriodGrid, perPeriod, rate, statusCounts, tally, total } from '../../../lib/stats';
import type { DashboardResolvers, LiaisonStatsResolvers, QueryResolvers } from '../__generated__/resolvers-types';
import type { Context } from '../context';
import { AlertModel, DataRequestModel, JointMeetingModel, TrainingSessionModel, WorkTaskModel, type TrainingSessionDoc } from '../models';
import { agencyOf } from './Agency';
import { participantTotal } from './TrainingSession';

// The liaison section of the joint dashboard (docs/domain.md#dashboards), and the dashboard's root fields: one
// database command per query below for every period of a request (a trend, aliases), whatever their number.

type Session = Pick<TrainingSessionDoc, 'participants' | 'date'>;

/** Sessions held in each period, from one find over all the periods (a few a year). */
async function sessionsIn(ps: readonly Period[]): Promise<Session[][]> {
  const grid = new PeriodGrid(ps);
  const rows = await TrainingSessionModel.find(grid.match('date'), { participants: 1, date: 1 }).lean<Session[]>().exec();
  return ps.map((p) => {
    const inside = new Set(grid.intervalsOf(p));
    return rows.filter((r) => inside.has(grid.indexOf(r.date)));
  });
}

const queries = {
  dataRequests: (ps: readonly Period[]) => countInPeriods(DataRequestModel, { date: 'submittedAt', by: { status: '$status' } }, ps),
  /** Requests whose running period fell due in the period, before now: the joint office owes the check, the provider its review. */
  dataRequestsOverdue: (ps: readonly Period[]) =>
    countInPeriods(DataRequestModel, {
      date: 'nextDueAt', until: new Date(), by: { agency: { $cond: [{ $eq: ['$status', 'PROVIDER_REVIEW'] }, '$providerCode', PROCURATORATE_CODE] } },
    }, ps),
  /** Work tasks due in the period, by lead unit: done, and not done past their due date (now). */
  workTasks: (ps: readonly Period[]) => {
    const now = new Date();
    return countInPeriods(WorkTaskModel, {
      date: 'dueAt', by: { agency: '$leadAgencyCode' },
      when: { done: { $eq: ['$status', 'DONE'] }, overdue: { $and: [{ $ne: ['$status', 'DONE'] }, { $lt: ['$dueAt', now] }] } },
    }, ps);
  },
  openAlerts: (ps: readonly Period[]) => countInPeriods(AlertModel, { date: 'raisedAt', match: { resolvedAt: null } }, ps),
  jointMeetings: (ps: readonly Period[]) => countInPeriods(JointMeetingModel, { date: 'date' }, ps),
  sessions: sessionsIn,
};

type Query = keyof typeof queries;
type Rows<Q extends Query> = Awaited<ReturnType<(typeof queries)[Q]>>[number];
/** Through the request's loader (one command per query for all the periods of the request); without a request, directly. */
const load = <Q extends Query>(ctx: Context | null, q: Q, p: Period): Promise<Rows<Q>> => {
  const batch = queries[q] as (ps: readonly Period[]) => Promise<Rows<Q>[]>;
  return ctx ? perPeriod(ctx, `liaison.${q}`, batch).load(p) : batch([p]).then(([r]) => r);
};

const stats = {
  dataRequestsByStatus: async (p: Period, ctx: Context | null) => statusCounts(await load(ctx, 'dataRequests', p), 'status'),
  workTasksDone: async (p: Period, ctx: Context | null) => total(await load(ctx, 'workTasks', p), 'done'),
  workTasksOverdue: async (p: Period, ctx: Context | null) => total(await load(ctx, 'workTasks', p), 'overdue'),
  openAlerts: async (p: Period, ctx: Context | null) => total(await load(ctx, 'openAlerts', p)),
  jointMeetings: async (p: Period, ctx: Context | null) => total(await load(ctx, 'jointMeetings', p)),
  trainingSessions: async (p: Period, ctx: Context | null) => (await load(ctx, 'sessions', p)).length,
  trainingParticipants: async (p: Period, ctx: Context | null) => (await load(ctx, 'sessions', p)).reduce((n, s) => n + participantTotal(s), 0),
};

export const Dashboard: DashboardResolvers = {
  __resolveReference: (ref) => parsePeriod(entityKey(ref, 'period')),
  liaison: (p) => p,
};

/** The trend's root field (`dashboard` is in Query.ts): the consecutive periods, which every subgraph answers together. */
export const dashboardQuery: Pick<QueryResolvers, 'dashboardTrend'> = {
  dashboardTrend: (_, { from, to }) => periodRange(from, to),
};

export const LiaisonStats: LiaisonStatsResolvers = {
  dataRequestsByStatus: (p, _, ctx) => stats.dataRequestsByStatus(p, ctx),
  workTasksDone: (p, _, ctx) => stats.workTasksDone(p, ctx),
  workTasksOverdue: (p, _, ctx) => stats.workTasksOverdue(p, ctx),
  openAlerts: (p, _, ctx) => stats.openAlerts(p, ctx),
  jointMeetings: (p, _, ctx) => stats.jointMeetings(p, ctx),
  trainingSessions: (p, _, ctx) => stats.trainingSessions(p, ctx),
  trainingParticipants: (p, _, ctx) => stats.trainingParticipants(p, ctx),
  workTaskCompletionRate: async (p, _, ctx) => {
    const rows = await load(ctx, 'workTasks', p);
    return rate(total(rows, 'done'), total(rows));
  },
  dataRequestsOverdue: async (p, _, ctx) => total(await load(ctx, 'dataRequestsOverdue', p)),
  byAgency: async (p, _, ctx) => {
    const [tasks, overdue, sessions] = await Promise.all([load(ctx, 'workTasks', p), load(ctx, 'dataRequestsOverdue', p), load(ctx, 'sessions', p)]);
    const t = { tasks: tally(tasks, 'agency', ['count', 'done', 'overdue']), overdue: tally(overdue, 'agency', ['count']) };
    const participants = new Map<string | null, number>();
    for (const s of sessions) for (const x of s.participants) participants.set(x.agencyCode, (participants.get(x.agencyCode) ?? 0) + x.count);
    return Promise.all(
      keysOf(t.tasks, t.overdue, participants).map(async (code) => {
        const k = t.tasks.get(code) ?? { count: 0, done: 0, overdue: 0 };
        return {
          agency: await agencyOf(ctx.loaders, code),
          workTasksDue: k.count,
          workTasksDone: k.done,
          workTasksOverdue: k.overdue,
          dataRequestsOverdue: t.overdue.get(code)?.count ?? 0,
          trainingParticipants: participants.get(code) ?? 0,
        };
      }),
    );
  },
};

/** The liaison indicators of a period as one object (the snapshot a half-yearly report freezes). */
export async function liaisonIndicators(p: Period, now = new Date()) {
  const [dataRequestsByStatus, workTasksDone, workTasksOverdue, openAlerts, jointMeetings, trainingSessions, trainingParticipants] = await Promise.all([
    stats.dataRequestsByStatus(p, null), stats.workTasksDone(p, null), stats.workTasksOverdue(p, null), stats.openAlerts(p, null),
    stats.jointMeetings(p, null), stats.trainingSessions(p, null), stats.trainingParticipants(p, null),
  ]);
  return {
    period: p.period, from: p.from.toISOString(), to: p.to.toISOString(),
    dataRequestsByStatus, workTasksDone, workTasksOverdue, openAlerts, jointMeetings, trainingSessions, trainingParticipants, generatedAt: now.toISOString(),
  };
}

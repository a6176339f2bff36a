import { entityKey } from '../../../lib/federation';
import { parsePeriod, type Period } from '../../../lib/period';
import { countByStatus } from '../../../lib/stats';
import type { DashboardResolvers, LiaisonStatsResolvers } from '../__generated__/resolvers-types';
import { AlertModel, DataRequestModel, JointMeetingModel, TrainingSessionModel, WorkTaskModel, type TrainingSessionDoc } from '../models';
import { participantTotal } from './TrainingSession';

export const Dashboard: DashboardResolvers = {
  __resolveReference: (ref) => parsePeriod(entityKey(ref, 'period')),
  liaison: (p) => p,
};

const stats = {
  dataRequestsByStatus: (p: Period) => countByStatus(DataRequestModel, 'status', { submittedAt: { $gte: p.from, $lt: p.to } }),
  workTasksDone: (p: Period) => WorkTaskModel.countDocuments({ status: 'DONE', dueAt: { $gte: p.from, $lt: p.to } }).exec(),
  workTasksOverdue: (p: Period) => {
    const until = new Date(Math.min(p.to.getTime(), Date.now()));
    return WorkTaskModel.countDocuments({ status: { $ne: 'DONE' }, dueAt: { $gte: p.from, $lt: until } }).exec();
  },
  openAlerts: (p: Period) => AlertModel.countDocuments({ resolvedAt: null, raisedAt: { $gte: p.from, $lt: p.to } }).exec(),
  jointMeetings: (p: Period) => JointMeetingModel.countDocuments({ date: { $gte: p.from, $lt: p.to } }).exec(),
  trainingSessions: (p: Period) => TrainingSessionModel.countDocuments({ date: { $gte: p.from, $lt: p.to } }).exec(),
  // A few sessions a year: summed here rather than by an aggregation the embedded database may not share.
  trainingParticipants: async (p: Period) => {
    const sessions = await TrainingSessionModel.find({ date: { $gte: p.from, $lt: p.to } }, { participants: 1 }).lean<Pick<TrainingSessionDoc, 'participants'>[]>();
    return sessions.reduce((n, s) => n + participantTotal(s), 0);
  },
};

export const LiaisonStats: LiaisonStatsResolvers = stats;

/** The liaison indicators of a period as one object (the snapshot a half-yearly report freezes). */
export async function liaisonIndicators(p: Period, now = new Date()) {
  const [dataRequestsByStatus, workTasksDone, workTasksOverdue, openAlerts, jointMeetings, trainingSessions, trainingParticipants] = await Promise.all([
    stats.dataRequestsByStatus(p), stats.workTasksDone(p), stats.workTasksOverdue(p), stats.openAlerts(p), stats.jointMeetings(p),
    stats.trainingSessions(p), stats.trainingParticipants(p),
  ]);
  return {
    period: p.period, from: p.from.toISOString(), to: p.to.toISOString(),
    dataRequestsByStatus, workTasksDone, workTasksOverdue, openAlerts, jointMeetings, trainingSessions, trainingParticipants, generatedAt: now.toISOString(),
  };
}

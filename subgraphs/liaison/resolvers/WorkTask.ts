import { entityKey } from '../../../lib/federation';
import { paginate } from '../../../lib/pagination';
import type { QueryResolvers, TaskProgressResolvers, WorkTaskResolvers } from '../__generated__/resolvers-types';
import { isTaskOverdue, workTaskClocks } from '../deadlines';
import { WorkTaskModel, type WorkTaskDoc } from '../models';
import { workTasks } from '../workflow';
import { agencyOf } from './Agency';
import { workTaskFilter } from './filters';

export const WorkTask: WorkTaskResolvers = {
  __resolveReference: (ref, { loaders }) => loaders.workTask.load(entityKey(ref, 'id')),
  id: (t) => t._id,
  leadAgency: (t, _, { loaders }) => agencyOf(loaders, t.leadAgencyCode),
  responsibleAgencies: (t, _, { loaders }) => Promise.all(t.responsibleAgencyCodes.map((c) => agencyOf(loaders, c))),
  overdue: (t) => isTaskOverdue(t),
  meeting: (t, _, { loaders }) => (t.meetingId ? loaders.jointMeeting.load(t.meetingId) : null),
  progress: (t) => t.progress ?? [],
  history: (t) => t.history ?? [],
  allowedNextSteps: (t) => workTasks.nextSteps(t),
  deadlines: (t) => workTaskClocks(t),
};

export const TaskProgress: TaskProgressResolvers = {
  agency: (p, _, { loaders }) => agencyOf(loaders, p.agencyCode),
};

export const workTaskQuery: Pick<QueryResolvers, 'workTasks'> = {
  workTasks: (_, { filter, first, after }) => paginate<WorkTaskDoc>(WorkTaskModel, workTaskFilter(filter ?? {}), { first, after }, 'dueAt'),
};

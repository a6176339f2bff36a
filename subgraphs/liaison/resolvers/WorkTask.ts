import { requireRole, WRITER_ROLES } from '../../../lib/authz';
import { badInput, conflict, forbidden, translateWriteError } from '../../../lib/errors';
import { entityKey } from '../../../lib/federation';
import { paginate } from '../../../lib/pagination';
import { check } from '../../../lib/validate';
import { definedOnly, updateVersioned } from '../../../lib/versioned';
import { created, transition, type TransitionArgs } from '../../../lib/workflow';
import type { MutationResolvers, QueryResolvers, TaskProgressResolvers, WorkTaskResolvers, WorkTaskStatus } from '../__generated__/resolvers-types';
import { requireJointOffice } from '../access';
import { WorkTaskModel, type TaskProgressDoc, type WorkTaskDoc } from '../models';
import { isTaskOverdue, workTaskClocks, workTaskMachine } from '../workflows';
import { agencyOf } from './Agency';
import { workTaskFilter } from './filters';

const LABEL = 'work task';
const optional = (field: string, value: string | null | undefined, max: number) => (value?.trim() ? check.nonEmpty(field, value, max) : null);

/** One step of the task's machine (lib/workflow transition). */
const move = (args: Omit<TransitionArgs<WorkTaskStatus, WorkTaskDoc>, 'model' | 'machine' | 'label'>) =>
  transition<WorkTaskStatus, WorkTaskDoc>({ model: WorkTaskModel, machine: workTaskMachine, label: LABEL, ...args });

export const WorkTask: WorkTaskResolvers = {
  __resolveReference: (ref, { loaders }) => loaders.workTask.load(entityKey(ref, 'id')),
  id: (t) => t._id,
  leadAgency: (t, _, { loaders }) => agencyOf(loaders, t.leadAgencyCode),
  responsibleAgencies: (t, _, { loaders }) => Promise.all(t.responsibleAgencyCodes.map((c) => agencyOf(loaders, c))),
  overdue: (t) => isTaskOverdue(t),
  meeting: (t, _, { loaders }) => (t.meetingId ? loaders.jointMeeting.load(t.meetingId) : null),
  progress: (t) => t.progress ?? [],
  history: (t) => t.history ?? [],
  allowedNextSteps: (t) => Object.keys(workTaskMachine[t.status] ?? {}),
  deadlines: (t) => workTaskClocks(t),
};

export const TaskProgress: TaskProgressResolvers = {
  agency: (p, _, { loaders }) => agencyOf(loaders, p.agencyCode),
};

export const workTaskQuery: Pick<QueryResolvers, 'workTasks'> = {
  workTasks: (_, { filter, first, after }) => paginate<WorkTaskDoc>(WorkTaskModel, workTaskFilter(filter ?? {}), { first, after }, 'dueAt'),
};

export const workTaskMutations: Pick<MutationResolvers, 'createWorkTask' | 'updateWorkTask' | 'startWorkTask' | 'completeWorkTask' | 'addTaskProgress'> = {
  createWorkTask: async (_, { input }, { identity, loaders }) => {
    requireJointOffice(identity);
    if (!Number.isInteger(input.year) || input.year < 2000 || input.year > 2100) throw badInput('year', 'must be a year between 2000 and 2100');
    const responsible = input.responsibleAgencyCodes.map((c) => check.agencyCode('responsibleAgencyCodes', c));
    const leadAgencyCode = check.agencyCode('leadAgencyCode', input.leadAgencyCode);
    if (input.meetingId && !(await loaders.jointMeeting.load(input.meetingId))) throw badInput('meetingId', 'is not a recorded joint meeting');
    try {
      const stored = await WorkTaskModel.create({
        year: input.year,
        title: check.nonEmpty('title', input.title, 500),
        leadAgencyCode,
        responsibleAgencyCodes: [...new Set(responsible)],
        dueAt: input.dueAt,
        meetingId: input.meetingId ?? null,
        status: 'PLANNED',
        history: [created(identity, 'PLANNED')],
      });
      return stored.toObject() as WorkTaskDoc;
    } catch (e) {
      translateWriteError(e);
    }
  },

  updateWorkTask: async (_, { id, input }, { identity }) => {
    requireJointOffice(identity);
    const set = definedOnly({
      title: input.title == null ? undefined : check.nonEmpty('title', input.title, 500),
      dueAt: input.dueAt ?? undefined,
    });
    return updateVersioned<WorkTaskDoc>(WorkTaskModel, id, input.version, set);
  },

  startWorkTask: (_, { id, version, note }, { identity }) =>
    move({
      id, version, to: 'IN_PROGRESS', identity, note: optional('note', note, 2000),
      set: () => ({ startedAt: new Date() }),
    }),

  completeWorkTask: (_, { id, version, note }, { identity }) =>
    move({
      id, version, to: 'DONE', identity, note: optional('note', note, 2000),
      set: () => ({ completedAt: new Date() }),
    }),

  /** A progress report by the lead or a responsible unit, on a task not yet done. */
  addTaskProgress: async (_, { id, text }, { identity }) => {
    requireRole(identity, ...WRITER_ROLES);
    const task = await WorkTaskModel.findById(id).lean<WorkTaskDoc>();
    if (!task || ![task.leadAgencyCode, ...task.responsibleAgencyCodes].includes(identity.agency)) {
      throw forbidden('only the lead unit or a responsible unit of this task may report progress on it');
    }
    const entry: TaskProgressDoc = { at: new Date(), agencyCode: identity.agency, actor: identity.userId, text: check.nonEmpty('text', text, 5000) };
    const updated = await WorkTaskModel.findOneAndUpdate({ _id: id, status: { $ne: 'DONE' } }, { $push: { progress: entry } }, { returnDocument: 'after' })
      .lean<WorkTaskDoc>();
    if (!updated) throw conflict('this work task is DONE; report on it no more', { currentStatus: 'DONE', allowed: [] });
    return updated;
  },
};

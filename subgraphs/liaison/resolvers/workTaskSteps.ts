import { noteOf } from '../../../lib/workflow';
import type { MutationResolvers } from '../__generated__/resolvers-types';
import { workTasks } from '../workflow';

type WorkTaskSteps = Pick<MutationResolvers, 'startWorkTask' | 'completeWorkTask'>;

/** The steps of a work task (workflow.ts), taken by its lead unit; each takes effect now. */
export const workTaskSteps: WorkTaskSteps = {
  startWorkTask: (_, { id, version, note }, ctx) =>
    workTasks.move(ctx, 'IN_PROGRESS', { id, version, note: noteOf(note), set: () => ({ startedAt: new Date() }) }),

  completeWorkTask: (_, { id, version, note }, ctx) =>
    workTasks.move(ctx, 'DONE', { id, version, note: noteOf(note), set: () => ({ completedAt: new Date() }) }),
};

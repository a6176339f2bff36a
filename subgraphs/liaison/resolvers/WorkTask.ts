import { entityKey } from '../../../lib/federation';
import type { WorkTaskResolvers } from '../__generated__/resolvers-types';
import type { WorkTaskDoc } from '../models';
import { agencyOf } from './Agency';

/** Not done and past its due date. */
export function isOverdue(t: WorkTaskDoc, now = new Date()): boolean {
  return t.status !== 'DONE' && t.dueAt < now;
}

export const WorkTask: WorkTaskResolvers = {
  __resolveReference: (ref, { loaders }) => loaders.workTask.load(entityKey(ref, 'id')),
  id: (t) => t._id,
  leadAgency: (t, _, { loaders }) => agencyOf(loaders, t.leadAgencyCode),
  responsibleAgencies: (t, _, { loaders }) => Promise.all(t.responsibleAgencyCodes.map((c) => agencyOf(loaders, c))),
  overdue: (t) => isOverdue(t),
};

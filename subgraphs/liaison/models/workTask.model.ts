import { Schema } from 'mongoose';
import { subgraphDatabase, newId } from '../../../lib/mongo';
import { statusChangeSchema, type StatusChange } from '../../../lib/workflow';
import type { WorkTaskStatus } from '../__generated__/resolvers-types';

/** A progress report on a task (进展情况), by its lead or a responsible unit. */
export interface TaskProgressDoc {
  at: Date;
  agencyCode: string;
  actor: string;
  text: string;
}

/** A task of the annual joint work list (年度工作要点), often a decision of a joint meeting. */
export interface WorkTaskDoc {
  _id: string;
  year: number;
  title: string;
  leadAgencyCode: string;
  responsibleAgencyCodes: string[];
  dueAt: Date;
  status: WorkTaskStatus;
  /** The joint meeting whose decision this task carries out. */
  meetingId?: string | null;
  startedAt?: Date | null;
  completedAt?: Date | null;
  progress: TaskProgressDoc[];
  version: number;
  history: StatusChange[];
}

export const WORK_TASK_STATUSES: WorkTaskStatus[] = ['PLANNED', 'IN_PROGRESS', 'DONE'];

const progressSchema = new Schema<TaskProgressDoc>(
  {
    at: { type: Date, required: true },
    agencyCode: { type: String, required: true },
    actor: { type: String, required: true },
    text: { type: String, required: true, maxlength: 5000 },
  },
  { _id: false },
);

const schema = new Schema<WorkTaskDoc>(
  {
    _id: { type: String, default: newId },
    year: { type: Number, required: true, min: 2000, max: 2100 },
    title: { type: String, required: true, trim: true, maxlength: 500 },
    leadAgencyCode: { type: String, required: true },
    responsibleAgencyCodes: { type: [String], default: [] },
    dueAt: { type: Date, required: true },
    status: { type: String, required: true, enum: WORK_TASK_STATUSES, default: 'PLANNED' },
    meetingId: { type: String, default: null },
    startedAt: { type: Date, default: null },
    completedAt: { type: Date, default: null },
    progress: { type: [progressSchema], default: [] },
    version: { type: Number, default: 0 },
    history: { type: [statusChangeSchema], default: [] },
  },
  { versionKey: false, timestamps: true },
);

schema.index({ dueAt: -1, _id: -1 });
schema.index({ year: 1, dueAt: -1, _id: -1 });
schema.index({ status: 1, dueAt: -1, _id: -1 });
schema.index({ leadAgencyCode: 1, dueAt: -1, _id: -1 });
schema.index({ meetingId: 1, dueAt: -1, _id: -1 });

export const WorkTaskModel = subgraphDatabase('liaison').model<WorkTaskDoc>('WorkTask', schema);

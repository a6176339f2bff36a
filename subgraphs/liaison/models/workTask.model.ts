import { Schema } from 'mongoose';
import { subgraphDatabase, newId } from '../../../lib/mongo';
import type { WorkTaskStatus } from '../__generated__/resolvers-types';

/** A task of the annual joint work list (年度工作要点). */
export interface WorkTaskDoc {
  _id: string;
  year: number;
  title: string;
  leadAgencyCode: string;
  responsibleAgencyCodes: string[];
  dueAt: Date;
  status: WorkTaskStatus;
  version: number;
}

export const WORK_TASK_STATUSES: WorkTaskStatus[] = ['PLANNED', 'IN_PROGRESS', 'DONE'];

const schema = new Schema<WorkTaskDoc>(
  {
    _id: { type: String, default: newId },
    year: { type: Number, required: true, min: 2000, max: 2100 },
    title: { type: String, required: true, trim: true, maxlength: 500 },
    leadAgencyCode: { type: String, required: true },
    responsibleAgencyCodes: { type: [String], default: [] },
    dueAt: { type: Date, required: true },
    status: { type: String, required: true, enum: WORK_TASK_STATUSES, default: 'PLANNED' },
    version: { type: Number, default: 0 },
  },
  { versionKey: false, timestamps: true },
);

schema.index({ dueAt: -1, _id: -1 });
schema.index({ year: 1, dueAt: -1, _id: -1 });
schema.index({ status: 1, dueAt: -1, _id: -1 });
schema.index({ leadAgencyCode: 1, dueAt: -1, _id: -1 });

export const WorkTaskModel = subgraphDatabase('liaison').model<WorkTaskDoc>('WorkTask', schema);

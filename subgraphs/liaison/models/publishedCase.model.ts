import { Schema } from 'mongoose';
import { subgraphDatabase, newId } from '../../../lib/mongo';

/** 案例联合发布 A typical case published jointly by member agencies. */
export interface PublishedCaseDoc {
  _id: string;
  title: string;
  summary: string;
  agencyCodes: string[];
  publishedAt: Date;
}

const schema = new Schema<PublishedCaseDoc>(
  {
    _id: { type: String, default: newId },
    title: { type: String, required: true, trim: true, maxlength: 300 },
    summary: { type: String, required: true, maxlength: 20000 },
    agencyCodes: { type: [String], default: [] },
    publishedAt: { type: Date, required: true },
  },
  { versionKey: false, timestamps: true },
);

schema.index({ publishedAt: -1, _id: -1 });
schema.index({ agencyCodes: 1, publishedAt: -1, _id: -1 });

export const PublishedCaseModel = subgraphDatabase('liaison').model<PublishedCaseDoc>('PublishedCase', schema);

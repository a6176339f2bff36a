import { Schema } from 'mongoose';
import { subgraphDatabase, newId } from '../../../lib/mongo';

/** 半年通报 The joint office's half-yearly report, with the period's indicators frozen at publication. */
export interface ReportDoc {
  _id: string;
  /** 2025-H1 or 2025-H2; one report per half-year. */
  period: string;
  year: number;
  title: string;
  summary?: string | null;
  publishedAt: Date;
  publishedByCode: string;
  /** JSON snapshot of the period's liaison indicators (see resolvers/Report.ts). */
  indicators: string;
}

const schema = new Schema<ReportDoc>(
  {
    _id: { type: String, default: newId },
    period: { type: String, required: true, match: /^\d{4}-H[12]$/ },
    year: { type: Number, required: true },
    title: { type: String, required: true, trim: true, maxlength: 200 },
    summary: { type: String, default: null, maxlength: 20000 },
    publishedAt: { type: Date, required: true },
    publishedByCode: { type: String, required: true },
    indicators: { type: String, required: true },
  },
  { versionKey: false, timestamps: true },
);

schema.index({ period: 1 }, { unique: true });
schema.index({ publishedAt: -1, _id: -1 });
schema.index({ year: 1, publishedAt: -1, _id: -1 });

export const ReportModel = subgraphDatabase('liaison').model<ReportDoc>('Report', schema);

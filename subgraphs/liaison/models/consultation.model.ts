import { Schema } from 'mongoose';
import { subgraphDatabase, newId } from '../../../lib/mongo';

/** 案件会商 A joint consultation on a case or matter. */
export interface ConsultationDoc {
  _id: string;
  subject: string;
  agencyCodes: string[];
  date: Date;
  conclusion: string;
}

const schema = new Schema<ConsultationDoc>(
  {
    _id: { type: String, default: newId },
    subject: { type: String, required: true, trim: true, maxlength: 500 },
    agencyCodes: { type: [String], default: [] },
    date: { type: Date, required: true },
    conclusion: { type: String, required: true, maxlength: 10000 },
  },
  { versionKey: false, timestamps: true },
);

schema.index({ date: -1, _id: -1 });
schema.index({ agencyCodes: 1, date: -1, _id: -1 });

export const ConsultationModel = subgraphDatabase('liaison').model<ConsultationDoc>('Consultation', schema);

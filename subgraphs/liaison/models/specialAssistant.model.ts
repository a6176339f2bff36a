import { Schema } from 'mongoose';
import { subgraphDatabase, newId } from '../../../lib/mongo';

/** 特邀检察官助理 An expert of a member agency appointed to assist prosecutors. */
export interface SpecialAssistantDoc {
  _id: string;
  name: string;
  agencyCode: string;
  expertise: string;
  appointedAt: Date;
  /** Ids of the cases helped (procuratorate case ids). */
  casesHelped: string[];
}

const schema = new Schema<SpecialAssistantDoc>(
  {
    _id: { type: String, default: newId },
    name: { type: String, required: true, trim: true, maxlength: 100 },
    agencyCode: { type: String, required: true },
    expertise: { type: String, required: true, trim: true, maxlength: 500 },
    appointedAt: { type: Date, required: true },
    casesHelped: { type: [String], default: [] },
  },
  { versionKey: false, timestamps: true },
);

schema.index({ appointedAt: -1, _id: -1 });
schema.index({ agencyCode: 1, appointedAt: -1, _id: -1 });

export const SpecialAssistantModel = subgraphDatabase('liaison').model<SpecialAssistantDoc>('SpecialAssistant', schema);

import { Schema } from 'mongoose';
import { subgraphDatabase, newId } from '../../../lib/mongo';

/** 益心为公 volunteer: a resident who reports public-interest leads and helps with cases. */
export interface VolunteerDoc {
  _id: string;
  name: string;
  township: string;
  joinedAt: Date;
  /** Ids of the cases helped (procuratorate case ids). */
  casesHelped: string[];
}

const schema = new Schema<VolunteerDoc>(
  {
    _id: { type: String, default: newId },
    name: { type: String, required: true, trim: true, maxlength: 100 },
    township: { type: String, required: true, trim: true, maxlength: 100 },
    joinedAt: { type: Date, required: true },
    casesHelped: { type: [String], default: [] },
  },
  { versionKey: false, timestamps: true },
);

schema.index({ joinedAt: -1, _id: -1 });
schema.index({ township: 1, joinedAt: -1, _id: -1 });

export const VolunteerModel = subgraphDatabase('liaison').model<VolunteerDoc>('Volunteer', schema);

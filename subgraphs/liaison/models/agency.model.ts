import { Schema } from 'mongoose';
import { subgraphDatabase } from '../../../lib/mongo';
import type { AgencyType } from '../__generated__/resolvers-types';

/** A member agency, mirrored from the code table of lib/agencies.ts by syncAgencies(). */
export interface AgencyDoc {
  _id: string; // the agency code
  name: string;
  shortName: string;
  type: AgencyType;
  parentCode?: string | null;
  isJointOffice: boolean;
  abbreviation: string;
}

const TYPES: AgencyType[] = ['PROCURATORATE', 'GOVERNMENT', 'PUBLIC_SECURITY', 'JUSTICE', 'ENFORCEMENT', 'PETITION', 'HOTLINE', 'OTHER'];

const schema = new Schema<AgencyDoc>(
  {
    _id: { type: String, required: true },
    name: { type: String, required: true },
    shortName: { type: String, required: true },
    type: { type: String, required: true, enum: TYPES },
    parentCode: { type: String, default: null },
    isJointOffice: { type: Boolean, default: false },
    abbreviation: { type: String, required: true },
  },
  { versionKey: false, timestamps: true },
);

schema.index({ type: 1, _id: -1 });
schema.index({ parentCode: 1 });

export const AgencyModel = subgraphDatabase('liaison').model<AgencyDoc>('Agency', schema);

import { Schema } from 'mongoose';
import { subgraphDatabase } from '../../../lib/mongo';

/** An enterprise party, keyed by its 统一社会信用代码. */
export interface EnterpriseDoc {
  _id: string; // the credit code
  name: string;
  legalRepresentativeId?: string | null;
  address?: string | null;
  industry?: string | null;
}

const schema = new Schema<EnterpriseDoc>(
  {
    _id: { type: String, required: true },
    name: { type: String, required: true, trim: true, maxlength: 200 },
    legalRepresentativeId: { type: String, default: null },
    address: { type: String, default: null, maxlength: 500 },
    industry: { type: String, default: null, maxlength: 100 },
  },
  { versionKey: false, timestamps: true },
);

schema.index({ legalRepresentativeId: 1 });

export const EnterpriseModel = subgraphDatabase('liaison').model<EnterpriseDoc>('Enterprise', schema);

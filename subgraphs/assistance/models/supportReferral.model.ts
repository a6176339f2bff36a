import { Schema } from 'mongoose';
import { subgraphDatabase, newId } from '../../../lib/mongo';
import type { SupportKind, SupportReferralStatus } from '../__generated__/resolvers-types';

export interface SupportReferralDoc {
  _id: string;
  applicationId: string;
  kind: SupportKind;
  receivingAgencyCode: string;
  status: SupportReferralStatus;
  outcome?: string | null;
  referredAt: Date;
  completedAt?: Date | null;
  version: number;
}

const KINDS: SupportKind[] = ['EMPLOYMENT', 'SKILLS_TRAINING', 'MEDICAL', 'EDUCATION', 'SUBSISTENCE_ALLOWANCE', 'HOUSEHOLD_REGISTRATION', 'OTHER'];
const STATUSES: SupportReferralStatus[] = ['REFERRED', 'ACCEPTED', 'COMPLETED', 'DECLINED'];

const schema = new Schema<SupportReferralDoc>(
  {
    _id: { type: String, default: newId },
    applicationId: { type: String, required: true },
    kind: { type: String, required: true, enum: KINDS },
    receivingAgencyCode: { type: String, required: true },
    status: { type: String, required: true, enum: STATUSES, default: 'REFERRED' },
    outcome: { type: String, default: null, maxlength: 2000 },
    referredAt: { type: Date, required: true },
    completedAt: { type: Date, default: null },
    version: { type: Number, default: 0 },
  },
  { versionKey: false, timestamps: true },
);

schema.index({ applicationId: 1, referredAt: -1 });
schema.index({ referredAt: -1, _id: -1 });
schema.index({ kind: 1, referredAt: -1, _id: -1 });
schema.index({ receivingAgencyCode: 1, referredAt: -1, _id: -1 });
schema.index({ status: 1, referredAt: -1, _id: -1 });

export const SupportReferralModel = subgraphDatabase('assistance').model<SupportReferralDoc>('SupportReferral', schema);

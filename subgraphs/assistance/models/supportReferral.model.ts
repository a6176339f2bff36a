import { Schema } from 'mongoose';
import { subgraphDatabase, newId } from '../../../lib/mongo';
import { statusChangeSchema, type StatusChange } from '../../../lib/workflow';
import type { SupportKind, SupportReferralStatus } from '../__generated__/resolvers-types';

export interface SupportReferralDoc {
  _id: string;
  applicationId: string;
  /**
   * Owner agency (access rules): the application's handling agency, set on creation; the start-up backfill
   * (subgraphs/assistance/backfill.ts) fills it from referringAgencyCode on records loaded without it.
   */
  agencyCode?: string;
  kind: SupportKind;
  /** The application's handling agency, which referred. */
  referringAgencyCode: string;
  receivingAgencyCode: string;
  status: SupportReferralStatus;
  note?: string | null;
  referredAt: Date;
  acceptedAt?: Date | null;
  declinedAt?: Date | null;
  declineReason?: string | null;
  outcome?: string | null;
  completedAt?: Date | null;
  history: StatusChange[];
  version: number;
}

export const SUPPORT_KINDS: SupportKind[] = ['EMPLOYMENT', 'SKILLS_TRAINING', 'MEDICAL', 'EDUCATION', 'SUBSISTENCE_ALLOWANCE', 'HOUSEHOLD_REGISTRATION', 'OTHER'];
export const REFERRAL_STATUSES: SupportReferralStatus[] = ['REFERRED', 'ACCEPTED', 'COMPLETED', 'DECLINED'];

const schema = new Schema<SupportReferralDoc>(
  {
    _id: { type: String, default: newId },
    applicationId: { type: String, required: true },
    agencyCode: { type: String, required: true },
    kind: { type: String, required: true, enum: SUPPORT_KINDS },
    referringAgencyCode: { type: String, required: true },
    receivingAgencyCode: { type: String, required: true },
    status: { type: String, required: true, enum: REFERRAL_STATUSES, default: 'REFERRED' },
    note: { type: String, default: null, maxlength: 2000 },
    referredAt: { type: Date, required: true },
    acceptedAt: { type: Date, default: null },
    declinedAt: { type: Date, default: null },
    declineReason: { type: String, default: null, maxlength: 2000 },
    outcome: { type: String, default: null, maxlength: 2000 },
    completedAt: { type: Date, default: null },
    history: { type: [statusChangeSchema], default: [] },
    version: { type: Number, default: 0 },
  },
  { versionKey: false, timestamps: true },
);

schema.index({ applicationId: 1, referredAt: -1, _id: -1 });
schema.index({ referredAt: -1, _id: -1 });
schema.index({ kind: 1, referredAt: -1, _id: -1 });
schema.index({ receivingAgencyCode: 1, referredAt: -1, _id: -1 });
schema.index({ agencyCode: 1, referredAt: -1, _id: -1 });
schema.index({ status: 1, referredAt: -1, _id: -1 });

export const SupportReferralModel = subgraphDatabase('assistance').model<SupportReferralDoc>('SupportReferral', schema);

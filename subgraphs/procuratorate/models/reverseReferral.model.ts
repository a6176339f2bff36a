import { Schema } from 'mongoose';
import { subgraphDatabase, newId } from '../../../lib/mongo';
import type { ReverseReferralStatus } from '../__generated__/resolvers-types';

export interface ReverseReferralDoc {
  _id: string;
  procuratorateCaseId: string;
  /** Owner: the agency of the case. */
  agencyCode: string;
  enforcementCaseId?: string | null;
  competentAgencyCode: string;
  status: ReverseReferralStatus;
  referredAt?: Date | null;
  opinionIssuedAt?: Date | null;
  resultReportedAt?: Date | null;
  result?: string | null;
  version: number;
}

const STATUSES: ReverseReferralStatus[] = ['NON_PROSECUTED', 'REFERRED', 'UNDER_REVIEW', 'SUSPENDED', 'OPINION_ISSUED', 'TERMINATED', 'AGENCY_DECIDED', 'RESULT_REPORTED'];

const schema = new Schema<ReverseReferralDoc>(
  {
    _id: { type: String, default: newId },
    procuratorateCaseId: { type: String, required: true },
    agencyCode: { type: String, required: true },
    enforcementCaseId: { type: String, default: null },
    competentAgencyCode: { type: String, required: true },
    status: { type: String, required: true, enum: STATUSES, default: 'NON_PROSECUTED' },
    referredAt: { type: Date, default: null },
    opinionIssuedAt: { type: Date, default: null },
    resultReportedAt: { type: Date, default: null },
    result: { type: String, default: null, maxlength: 2000 },
    version: { type: Number, default: 0 },
  },
  { versionKey: false, timestamps: true },
);

// Lists sort by _id (creation order): referredAt may be empty.
schema.index({ procuratorateCaseId: 1, _id: -1 });
schema.index({ status: 1, _id: -1 });
schema.index({ competentAgencyCode: 1, _id: -1 });
schema.index({ referredAt: -1, _id: -1 });
schema.index({ resultReportedAt: -1 });

export const ReverseReferralModel = subgraphDatabase('procuratorate').model<ReverseReferralDoc>('ReverseReferral', schema);

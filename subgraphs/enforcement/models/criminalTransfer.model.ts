import { Schema } from 'mongoose';
import { subgraphDatabase, newId } from '../../../lib/mongo';
import type { TransferStatus } from '../__generated__/resolvers-types';

export interface CriminalTransferDoc {
  _id: string;
  enforcementCaseId: string;
  agencyCode: string;
  policeAgencyCode: string;
  suspectedCharge: string;
  status: TransferStatus;
  reportedAt: Date;
  approvedAt?: Date | null;
  sentAt?: Date | null;
  filedAt?: Date | null;
  reason?: string | null;
  version: number;
}

const STATUSES: TransferStatus[] = ['REPORTED', 'APPROVED', 'REFUSED', 'SENT', 'RECEIPTED', 'POLICE_REVIEW', 'FILED', 'NOT_FILED', 'RECONSIDERATION', 'PROCURATORATE_SUPERVISION'];

const schema = new Schema<CriminalTransferDoc>(
  {
    _id: { type: String, default: newId },
    enforcementCaseId: { type: String, required: true },
    agencyCode: { type: String, required: true },
    policeAgencyCode: { type: String, required: true },
    suspectedCharge: { type: String, required: true, maxlength: 200 },
    status: { type: String, required: true, enum: STATUSES, default: 'REPORTED' },
    reportedAt: { type: Date, required: true },
    approvedAt: { type: Date, default: null },
    sentAt: { type: Date, default: null },
    filedAt: { type: Date, default: null },
    reason: { type: String, default: null, maxlength: 2000 },
    version: { type: Number, default: 0 },
  },
  { versionKey: false, timestamps: true },
);

// One transfer per enforcement case.
schema.index({ enforcementCaseId: 1 }, { unique: true });
schema.index({ reportedAt: -1, _id: -1 });
schema.index({ agencyCode: 1, reportedAt: -1, _id: -1 });
schema.index({ policeAgencyCode: 1, reportedAt: -1, _id: -1 });
schema.index({ status: 1, reportedAt: -1, _id: -1 });

export const CriminalTransferModel = subgraphDatabase('enforcement').model<CriminalTransferDoc>('CriminalTransfer', schema);

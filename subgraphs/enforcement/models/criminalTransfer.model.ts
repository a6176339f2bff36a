import { Schema } from 'mongoose';
import { subgraphDatabase, newId } from '../../../lib/mongo';
import { statusChangeSchema, type StatusChange } from '../../../lib/workflow';
import type { TransferStatus } from '../__generated__/resolvers-types';

/** The dated steps of a transfer, in the order the procedure takes them. */
export const TRANSFER_DATES = [
  'reportedAt', 'approvedAt', 'refusedAt', 'sentAt', 'receiptedAt', 'reviewStartedAt', 'notFiledAt',
  'reconsiderationRequestedAt', 'reconsiderationDecidedAt', 'supervisionStartedAt', 'explainedAt', 'orderedAt',
  'supervisionClosedAt', 'filedAt', 'exhibitsHandedOverAt',
] as const;
export type TransferDateField = (typeof TRANSFER_DATES)[number];

export interface CriminalTransferDoc extends Partial<Record<Exclude<TransferDateField, 'reportedAt'>, Date | null>> {
  _id: string;
  enforcementCaseId: string;
  agencyCode: string;
  policeAgencyCode: string;
  /** The procuratorate copied when the transfer was sent (立案监督). */
  procuratorateCopyCode?: string | null;
  /** Workflow counterparts who see the transfer (policies.ts): the police and the procuratorate copy, set when SENT. */
  counterpartCodes?: string[];
  suspectedCharge: string;
  status: TransferStatus;
  reportedAt: Date;
  /** Reason of the refusal or of the latest non-filing. */
  reason?: string | null;
  /** The police's explanation of the non-filing to the procuratorate. */
  explanation?: string | null;
  /** Why the procuratorate closed its supervision: the non-filing was justified (不立案理由成立). */
  supervisionClosedReason?: string | null;
  history: StatusChange[];
  /** When the clock of the current status runs out (null: none runs): lets `overdue` filter with an index. */
  nextDueAt?: Date | null;
  version: number;
}

export const TRANSFER_STATUSES: TransferStatus[] = [
  'REPORTED', 'APPROVED', 'REFUSED', 'SENT', 'RECEIPTED', 'POLICE_REVIEW', 'FILED', 'NOT_FILED', 'RECONSIDERATION', 'PROCURATORATE_SUPERVISION',
  'SUPERVISION_CLOSED',
];

const dates = Object.fromEntries(TRANSFER_DATES.filter((f) => f !== 'reportedAt').map((f) => [f, { type: Date, default: null }]));

const schema = new Schema<CriminalTransferDoc>(
  {
    _id: { type: String, default: newId },
    enforcementCaseId: { type: String, required: true },
    agencyCode: { type: String, required: true },
    policeAgencyCode: { type: String, required: true },
    procuratorateCopyCode: { type: String, default: null },
    counterpartCodes: { type: [String], default: [] },
    suspectedCharge: { type: String, required: true, maxlength: 200 },
    status: { type: String, required: true, enum: TRANSFER_STATUSES, default: 'REPORTED' },
    reportedAt: { type: Date, required: true },
    ...dates,
    reason: { type: String, default: null, maxlength: 2000 },
    explanation: { type: String, default: null, maxlength: 2000 },
    supervisionClosedReason: { type: String, default: null, maxlength: 2000 },
    history: { type: [statusChangeSchema], default: [] },
    nextDueAt: { type: Date, default: null },
    version: { type: Number, default: 0 },
  },
  { versionKey: false, timestamps: true },
);

// One transfer per enforcement case.
schema.index({ enforcementCaseId: 1 }, { unique: true });
schema.index({ reportedAt: -1, _id: -1 });
schema.index({ agencyCode: 1, reportedAt: -1, _id: -1 });
schema.index({ policeAgencyCode: 1, reportedAt: -1, _id: -1 });
schema.index({ counterpartCodes: 1, reportedAt: -1, _id: -1 });
schema.index({ status: 1, reportedAt: -1, _id: -1 });
schema.index({ nextDueAt: 1, reportedAt: -1, _id: -1 });
// Dashboard counts by period.
schema.index({ sentAt: 1 });
schema.index({ filedAt: 1 });

export const CriminalTransferModel = subgraphDatabase('enforcement').model<CriminalTransferDoc>('CriminalTransfer', schema);

import { Schema } from 'mongoose';
import { subgraphDatabase, newId } from '../../../lib/mongo';
import type { RescueExclusion, RescueGroup, RescueSituation, RescueStatus } from '../__generated__/resolvers-types';

export interface RescueApplicationDoc {
  _id: string;
  number: string;
  applicantId: string;
  procuratorateCaseId?: string | null;
  /** `<case>|<person>` when there is a case, else the record id: one application per case and person. */
  caseApplicantKey: string;
  agencyCode: string;
  situation: RescueSituation;
  exclusionsChecked: RescueExclusion[];
  groups: RescueGroup[];
  months: number;
  monthlyWage: number;
  overCapApproved: boolean;
  status: RescueStatus;
  appliedAt: Date;
  decisionDueAt: Date;
  decidedAt?: Date | null;
  rejectionReason?: string | null;
  disbursedAt?: Date | null;
  version: number;
}

export const SITUATIONS: RescueSituation[] = ['VICTIM_SERIOUS_INJURY', 'VICTIM_DEATH_DEPENDANT', 'PROPERTY_LOSS_NO_COMPENSATION', 'WITNESS_INJURED', 'LITIGANT_DIFFICULTY_CIVIL', 'PETITIONER_DIFFICULTY', 'OTHER_APPROVED'];
export const EXCLUSIONS: RescueExclusion[] = ['MAJOR_FAULT', 'REFUSED_COOPERATION', 'FALSE_STATEMENT', 'WAIVED_COMPENSATION', 'HARDSHIP_NOT_CASE_RELATED', 'ALREADY_COMPENSATED'];
export const GROUPS: RescueGroup[] = ['MINOR', 'WOMAN', 'DISABLED', 'ELDERLY'];
export const RESCUE_STATUSES: RescueStatus[] = ['NOTIFIED', 'APPLIED', 'UNDER_REVIEW', 'APPROVED', 'REJECTED', 'FUNDS_REQUESTED', 'DISBURSED', 'FOLLOW_UP'];

/** The unique key of (case, person); an application without a case is unique on its own id. */
export function caseApplicantKey(a: Pick<RescueApplicationDoc, '_id' | 'procuratorateCaseId' | 'applicantId'>): string {
  return a.procuratorateCaseId ? `${a.procuratorateCaseId}|${a.applicantId}` : a._id;
}

const schema = new Schema<RescueApplicationDoc>(
  {
    _id: { type: String, default: newId },
    number: { type: String, required: true, trim: true, maxlength: 100 },
    applicantId: { type: String, required: true },
    procuratorateCaseId: { type: String, default: null },
    caseApplicantKey: { type: String, required: true },
    agencyCode: { type: String, required: true },
    situation: { type: String, required: true, enum: SITUATIONS },
    exclusionsChecked: { type: [{ type: String, enum: EXCLUSIONS }], default: [] },
    groups: { type: [{ type: String, enum: GROUPS }], default: [] },
    months: { type: Number, required: true, min: 1 },
    monthlyWage: { type: Number, required: true, min: 0 },
    overCapApproved: { type: Boolean, default: false },
    status: { type: String, required: true, enum: RESCUE_STATUSES, default: 'APPLIED' },
    appliedAt: { type: Date, required: true },
    decisionDueAt: { type: Date, required: true },
    decidedAt: { type: Date, default: null },
    rejectionReason: { type: String, default: null, maxlength: 2000 },
    disbursedAt: { type: Date, default: null },
    version: { type: Number, default: 0 },
  },
  { versionKey: false, timestamps: true },
);

// FerretDB refuses partialFilterExpression, so uniqueness per (case, person) uses a derived key.
schema.pre('validate', function () {
  this.caseApplicantKey = caseApplicantKey(this);
});

// One index per key and list filter; lists sort by appliedAt then _id (lib/pagination).
schema.index({ number: 1 }, { unique: true });
schema.index({ caseApplicantKey: 1 }, { unique: true });
schema.index({ appliedAt: -1, _id: -1 });
schema.index({ status: 1, appliedAt: -1, _id: -1 });
schema.index({ situation: 1, appliedAt: -1, _id: -1 });
schema.index({ agencyCode: 1, appliedAt: -1, _id: -1 });
schema.index({ applicantId: 1, appliedAt: -1, _id: -1 });
schema.index({ procuratorateCaseId: 1, appliedAt: -1, _id: -1 });
schema.index({ decidedAt: -1 });
schema.index({ disbursedAt: -1 });

export const RescueApplicationModel = subgraphDatabase('assistance').model<RescueApplicationDoc>('RescueApplication', schema);

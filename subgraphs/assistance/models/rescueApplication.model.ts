import { Schema } from 'mongoose';
import { subgraphDatabase, newId } from '../../../lib/mongo';
import { statusChangeSchema, type StatusChange } from '../../../lib/workflow';
import type { RescueExclusion, RescueGroup, RescueSituation, RescueStatus } from '../__generated__/resolvers-types';

/** The result of checking one exclusion (细则 第八条). */
export interface ExclusionCheck {
  exclusion: RescueExclusion;
  applies: boolean;
  note?: string | null;
}

/** 突破限额审批: more than 36 months, with who approved it and why. */
export interface OverCapApproval {
  approver: string;
  reason: string;
}

export interface RescueApplicationDoc {
  _id: string;
  /** 救助文号; null until the application is received. */
  number?: string | null;
  /** `number`, or `-<id>` while there is none: unique (works without partial indexes, see below). */
  numberKey: string;
  applicantId: string;
  procuratorateCaseId?: string | null;
  /** `<case>|<person>` when there is a case, else the record id: one application per case and person. */
  caseApplicantKey: string;
  agencyCode: string;
  /**
   * Workflow counterparts (docs/domain.md#access-rules): the receiving agencies of the application's support
   * referrals, added ($addToSet) when a referral is created. Optional only for bulk loads, which the
   * start-up backfill completes (subgraphs/assistance/backfill.ts); stored as [] by default.
   */
  counterpartCodes?: string[];
  situation: RescueSituation;
  exclusionChecks: ExclusionCheck[];
  groups: RescueGroup[];
  months?: number | null;
  monthlyWage: number;
  overCapApproval?: OverCapApproval | null;
  status: RescueStatus;
  rightNotifiedAt?: Date | null;
  appliedAt?: Date | null;
  /** Sort key of lists: appliedAt, or rightNotifiedAt before an application. */
  listedAt: Date;
  reviewStartedAt?: Date | null;
  decidedAt?: Date | null;
  rejectionReason?: string | null;
  fundsRequestedAt?: Date | null;
  fundsReceivedAt?: Date | null;
  disbursedAt?: Date | null;
  notifiedAt?: Date | null;
  followedUpAt?: Date | null;
  followUpNote?: string | null;
  /** The earliest running deadline (stored for the overdue filter), null when no clock runs. */
  nextDueAt?: Date | null;
  history: StatusChange[];
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

/** The unique key of the number; a record without one (NOTIFIED) is unique on its own id. */
export function numberKey(a: Pick<RescueApplicationDoc, '_id' | 'number'>): string {
  return a.number ?? `-${a._id}`;
}

const exclusionCheckSchema = new Schema<ExclusionCheck>(
  {
    exclusion: { type: String, required: true, enum: EXCLUSIONS },
    applies: { type: Boolean, required: true },
    note: { type: String, default: null, maxlength: 2000 },
  },
  { _id: false },
);

const overCapSchema = new Schema<OverCapApproval>(
  {
    approver: { type: String, required: true, maxlength: 200 },
    reason: { type: String, required: true, maxlength: 2000 },
  },
  { _id: false },
);

const schema = new Schema<RescueApplicationDoc>(
  {
    _id: { type: String, default: newId },
    number: { type: String, default: null, trim: true, maxlength: 100 },
    numberKey: { type: String, required: true },
    applicantId: { type: String, required: true },
    procuratorateCaseId: { type: String, default: null },
    caseApplicantKey: { type: String, required: true },
    agencyCode: { type: String, required: true },
    counterpartCodes: { type: [String], default: [] },
    situation: { type: String, required: true, enum: SITUATIONS },
    exclusionChecks: { type: [exclusionCheckSchema], default: [] },
    groups: { type: [{ type: String, enum: GROUPS }], default: [] },
    months: { type: Number, default: null, min: 1 },
    monthlyWage: { type: Number, required: true, min: 0 },
    overCapApproval: { type: overCapSchema, default: null },
    status: { type: String, required: true, enum: RESCUE_STATUSES },
    rightNotifiedAt: { type: Date, default: null },
    appliedAt: { type: Date, default: null },
    listedAt: { type: Date, required: true },
    reviewStartedAt: { type: Date, default: null },
    decidedAt: { type: Date, default: null },
    rejectionReason: { type: String, default: null, maxlength: 2000 },
    fundsRequestedAt: { type: Date, default: null },
    fundsReceivedAt: { type: Date, default: null },
    disbursedAt: { type: Date, default: null },
    notifiedAt: { type: Date, default: null },
    followedUpAt: { type: Date, default: null },
    followUpNote: { type: String, default: null, maxlength: 2000 },
    nextDueAt: { type: Date, default: null },
    history: { type: [statusChangeSchema], default: [] },
    version: { type: Number, default: 0 },
  },
  { versionKey: false, timestamps: true },
);

// mongo-java-server ignores partialFilterExpression (MongoDB honours it), so uniqueness per (case, person) and of
// numbers uses derived keys (stored by the workflow's derive, workflow.ts), which behave the same on both.
// One index per key and list filter; lists sort by listedAt then _id (lib/pagination).
schema.index({ numberKey: 1 }, { unique: true });
schema.index({ caseApplicantKey: 1 }, { unique: true });
schema.index({ listedAt: -1, _id: -1 });
schema.index({ status: 1, listedAt: -1, _id: -1 });
schema.index({ situation: 1, listedAt: -1, _id: -1 });
schema.index({ agencyCode: 1, listedAt: -1, _id: -1 });
schema.index({ counterpartCodes: 1, listedAt: -1, _id: -1 });
schema.index({ applicantId: 1, listedAt: -1, _id: -1 });
schema.index({ procuratorateCaseId: 1, listedAt: -1, _id: -1 });
schema.index({ appliedAt: 1, listedAt: -1, _id: -1 });
schema.index({ nextDueAt: 1, listedAt: -1, _id: -1 });
schema.index({ decidedAt: -1 });
schema.index({ disbursedAt: -1 });

export const RescueApplicationModel = subgraphDatabase('assistance').model<RescueApplicationDoc>('RescueApplication', schema);

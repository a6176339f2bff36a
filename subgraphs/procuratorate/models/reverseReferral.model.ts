import { Schema } from 'mongoose';
import { subgraphDatabase, newId } from '../../../lib/mongo';
import { statusChangeSchema, type StatusChange } from '../../../lib/workflow';
import type { ReverseReferralDecisionKind, ReverseReferralStatus } from '../__generated__/resolvers-types';

/** The dated steps of a reverse referral, in procedure order (pauses are dated too). */
export const REFERRAL_DATES = [
  'nonProsecutedAt', 'referredAt', 'reviewStartedAt', 'opinionIssuedAt', 'terminatedAt', 'agencyDecidedAt', 'resultReportedAt',
] as const;
export type ReferralDateField = (typeof REFERRAL_DATES)[number];

/** A suspension of the review (复议/申诉); `to` null while it lasts. */
export interface ReviewPause {
  from: Date;
  to?: Date | null;
  reason: string;
}

export interface ReverseReferralDoc extends Partial<Record<Exclude<ReferralDateField, 'nonProsecutedAt'>, Date | null>> {
  _id: string;
  procuratorateCaseId: string;
  /** Owner: the agency of the case. */
  agencyCode: string;
  enforcementCaseId?: string | null;
  competentAgencyCode: string;
  /** Its case is a sealed juvenile record: the owner's only (copied from the case at creation, kept in step with it). */
  sealed?: boolean;
  /** Workflow counterparts who see it (policies.ts): the competent agency once it is referred; derived by workflow.ts. */
  counterpartCodes?: string[];
  status: ReverseReferralStatus;
  /** The non-prosecution decision (the case's decidedAt): starts the referral clock. */
  nonProsecutedAt: Date;
  pauses: ReviewPause[];
  opinion?: string | null;
  terminationReason?: string | null;
  agencyDecisionKind?: ReverseReferralDecisionKind | null;
  agencyDecision?: string | null;
  result?: string | null;
  history: StatusChange[];
  /** When the step owed now is due (null: none owed, or suspended): lets `overdue` filter with an index. */
  nextDueAt?: Date | null;
  version: number;
}

export const REFERRAL_STATUSES: ReverseReferralStatus[] = [
  'NON_PROSECUTED', 'REFERRED', 'UNDER_REVIEW', 'SUSPENDED', 'OPINION_ISSUED', 'TERMINATED', 'AGENCY_DECIDED', 'RESULT_REPORTED',
];
export const DECISION_KINDS: ReverseReferralDecisionKind[] = ['ADMINISTRATIVE_PENALTY', 'DISCIPLINARY_SANCTION', 'NO_PENALTY'];

const pauseSchema = new Schema<ReviewPause>(
  { from: { type: Date, required: true }, to: { type: Date, default: null }, reason: { type: String, required: true, maxlength: 2000 } },
  { _id: false },
);
const dates = Object.fromEntries(REFERRAL_DATES.filter((f) => f !== 'nonProsecutedAt').map((f) => [f, { type: Date, default: null }]));
const text = (max = 2000) => ({ type: String, default: null, maxlength: max });

const schema = new Schema<ReverseReferralDoc>(
  {
    _id: { type: String, default: newId },
    procuratorateCaseId: { type: String, required: true },
    agencyCode: { type: String, required: true },
    enforcementCaseId: { type: String, default: null },
    competentAgencyCode: { type: String, required: true },
    sealed: { type: Boolean, default: false },
    counterpartCodes: { type: [String], default: [] },
    status: { type: String, required: true, enum: REFERRAL_STATUSES, default: 'NON_PROSECUTED' },
    nonProsecutedAt: { type: Date, required: true },
    ...dates,
    pauses: { type: [pauseSchema], default: [] },
    opinion: text(5000),
    terminationReason: text(),
    agencyDecisionKind: { type: String, enum: [...DECISION_KINDS, null], default: null },
    agencyDecision: text(5000),
    result: text(),
    history: { type: [statusChangeSchema], default: [] },
    nextDueAt: { type: Date, default: null },
    version: { type: Number, default: 0 },
  },
  { versionKey: false, timestamps: true },
);

// Lists sort by _id (creation order): referredAt may be empty.
schema.index({ procuratorateCaseId: 1, _id: -1 });
schema.index({ status: 1, _id: -1 });
schema.index({ competentAgencyCode: 1, _id: -1 });
schema.index({ counterpartCodes: 1, _id: -1 }); // counterparts' lists
schema.index({ referredAt: -1, _id: -1 });
schema.index({ nextDueAt: 1, _id: -1 }); // overdue
schema.index({ opinionIssuedAt: -1 });
schema.index({ resultReportedAt: -1 });

export const ReverseReferralModel = subgraphDatabase('procuratorate').model<ReverseReferralDoc>('ReverseReferral', schema);

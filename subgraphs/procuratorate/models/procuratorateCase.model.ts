import { Schema } from 'mongoose';
import { subgraphDatabase, newId } from '../../../lib/mongo';
import { statusChangeSchema, type StatusChange } from '../../../lib/workflow';
import type {
  CaseDecision,
  NonProsecutionKind,
  ProcuratorateCaseStatus,
  ProcuratorateCaseType,
} from '../__generated__/resolvers-types';

/** The dated steps of a public-interest case, in procedure order (a new step is not before the latest). */
export const PUBLIC_INTEREST_DATES = [
  'acceptedAt', 'filedAt', 'consultationStartedAt', 'preSuitSuggestionAt', 'followUpAt', 'terminatedAt', 'noticeIssuedAt', 'litigatedAt',
] as const;
export type PublicInterestDateField = (typeof PUBLIC_INTEREST_DATES)[number];

export interface ProcuratorateCaseDoc extends Partial<Record<Exclude<PublicInterestDateField, 'acceptedAt'>, Date | null>> {
  _id: string;
  caseNumber: string;
  type: ProcuratorateCaseType;
  title: string;
  agencyCode: string;
  /** Suspects' Person ids. */
  personIds: string[];
  victimIds: string[];
  creditCodes: string[];
  status: ProcuratorateCaseStatus;
  acceptedAt: Date;
  decidedAt?: Date | null;
  closedAt?: Date | null;
  decision?: CaseDecision | null;
  nonProsecutionKind?: NonProsecutionKind | null;
  publicInterestField?: string | null;
  sealed: boolean;
  sourceTransferId?: string | null;
  /**
   * Workflow counterparts who see the case (policies.ts): the agency that sent its source transfer, the target
   * agencies of its suggestions and the competent agencies of its reverse referrals, added ($addToSet) by the
   * step that creates the link. Optional only for documents written before the field existed.
   */
  counterpartCodes?: string[];
  /** Public interest: the agency consulted (磋商). */
  consultationAgencyCode?: string | null;
  /** Public interest: the served pre-suit suggestion of this case. */
  preSuitSuggestionId?: string | null;
  /** Public interest: the end of that suggestion's reply period (copied when linked; it does not change after service). */
  preSuitReplyDueAt?: Date | null;
  followUpNote?: string | null;
  terminationReason?: string | null;
  court?: string | null;
  history: StatusChange[];
  /** When the step owed now is due (null: none): lets `overdue` filter with an index. */
  nextDueAt?: Date | null;
  version: number;
}

export const CASE_TYPES: ProcuratorateCaseType[] = ['CRIMINAL_PROSECUTION', 'PUBLIC_INTEREST', 'ADMINISTRATIVE_SUPERVISION', 'CIVIL_SUPERVISION'];
/** Statuses of ordinary cases (set by updateProcuratorateCase) and of public-interest cases (moved by their steps). */
export const CASE_STATUSES = ['ACCEPTED', 'UNDER_REVIEW', 'DECIDED', 'CLOSED'] as const satisfies readonly ProcuratorateCaseStatus[];
export const PUBLIC_INTEREST_STATUSES = [
  'CLUE', 'FILED', 'CONSULTATION', 'PRE_SUIT_SUGGESTION', 'FOLLOW_UP', 'TERMINATED', 'LITIGATED',
] as const satisfies readonly ProcuratorateCaseStatus[];
export type PublicInterestStatus = (typeof PUBLIC_INTEREST_STATUSES)[number];
const DECISIONS: CaseDecision[] = ['PROSECUTE', 'NON_PROSECUTION', 'TERMINATE_REVIEW', 'OTHER'];
const NP_KINDS: NonProsecutionKind[] = ['STATUTORY', 'DISCRETIONARY', 'EVIDENTIARY', 'CONDITIONAL'];

const dates = Object.fromEntries(PUBLIC_INTEREST_DATES.filter((f) => f !== 'acceptedAt').map((f) => [f, { type: Date, default: null }]));

const schema = new Schema<ProcuratorateCaseDoc>(
  {
    _id: { type: String, default: newId },
    caseNumber: { type: String, required: true, trim: true, maxlength: 100 },
    type: { type: String, required: true, enum: CASE_TYPES },
    title: { type: String, required: true, maxlength: 500 },
    agencyCode: { type: String, required: true },
    personIds: { type: [String], default: [] },
    victimIds: { type: [String], default: [] },
    creditCodes: { type: [String], default: [] },
    status: { type: String, required: true, enum: [...new Set([...CASE_STATUSES, ...PUBLIC_INTEREST_STATUSES])] },
    acceptedAt: { type: Date, required: true },
    decidedAt: { type: Date, default: null },
    closedAt: { type: Date, default: null },
    decision: { type: String, enum: [...DECISIONS, null], default: null },
    nonProsecutionKind: { type: String, enum: [...NP_KINDS, null], default: null },
    publicInterestField: { type: String, default: null, maxlength: 100 },
    sealed: { type: Boolean, default: false },
    sourceTransferId: { type: String, default: null },
    counterpartCodes: { type: [String], default: [] },
    ...dates,
    consultationAgencyCode: { type: String, default: null },
    preSuitSuggestionId: { type: String, default: null },
    preSuitReplyDueAt: { type: Date, default: null },
    followUpNote: { type: String, default: null, maxlength: 2000 },
    terminationReason: { type: String, default: null, maxlength: 2000 },
    court: { type: String, default: null, maxlength: 200 },
    history: { type: [statusChangeSchema], default: [] },
    nextDueAt: { type: Date, default: null },
    version: { type: Number, default: 0 },
  },
  { versionKey: false, timestamps: true },
);

// One index per key and list filter; lists sort by acceptedAt then _id (lib/pagination).
schema.index({ caseNumber: 1 }, { unique: true });
schema.index({ acceptedAt: -1, _id: -1 });
schema.index({ agencyCode: 1, acceptedAt: -1, _id: -1 });
schema.index({ status: 1, acceptedAt: -1, _id: -1 });
schema.index({ type: 1, acceptedAt: -1, _id: -1 });
schema.index({ personIds: 1, acceptedAt: -1, _id: -1 });
schema.index({ victimIds: 1, acceptedAt: -1, _id: -1 });
schema.index({ creditCodes: 1, acceptedAt: -1, _id: -1 });
schema.index({ closedAt: 1, acceptedAt: -1, _id: -1 }); // pendingTooLong
schema.index({ sealed: 1, acceptedAt: -1 }); // dashboards
schema.index({ sourceTransferId: 1 });
schema.index({ counterpartCodes: 1, acceptedAt: -1, _id: -1 }); // counterparts' lists
schema.index({ nextDueAt: 1, acceptedAt: -1, _id: -1 }); // overdue
schema.index({ preSuitSuggestionId: 1 });

export const ProcuratorateCaseModel = subgraphDatabase('procuratorate').model<ProcuratorateCaseDoc>('ProcuratorateCase', schema);

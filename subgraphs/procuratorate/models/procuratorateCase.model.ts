import { Schema } from 'mongoose';
import { subgraphDatabase, newId } from '../../../lib/mongo';
import type {
  CaseDecision,
  NonProsecutionKind,
  ProcuratorateCaseStatus,
  ProcuratorateCaseType,
} from '../__generated__/resolvers-types';

export interface ProcuratorateCaseDoc {
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
  version: number;
}

export const CASE_TYPES: ProcuratorateCaseType[] = ['CRIMINAL_PROSECUTION', 'PUBLIC_INTEREST', 'ADMINISTRATIVE_SUPERVISION', 'CIVIL_SUPERVISION'];
/** Statuses of ordinary cases and of public-interest cases (CLOSED is shared). */
export const CASE_STATUSES: ProcuratorateCaseStatus[] = ['ACCEPTED', 'UNDER_REVIEW', 'DECIDED', 'CLOSED'];
export const PUBLIC_INTEREST_STATUSES: ProcuratorateCaseStatus[] = ['CLUE', 'FILED', 'CONSULTATION', 'PRE_SUIT_SUGGESTION', 'FOLLOW_UP', 'TERMINATED', 'LITIGATED', 'CLOSED'];
const DECISIONS: CaseDecision[] = ['PROSECUTE', 'NON_PROSECUTION', 'TERMINATE_REVIEW', 'OTHER'];
const NP_KINDS: NonProsecutionKind[] = ['STATUTORY', 'DISCRETIONARY', 'EVIDENTIARY', 'CONDITIONAL'];

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

export const ProcuratorateCaseModel = subgraphDatabase('procuratorate').model<ProcuratorateCaseDoc>('ProcuratorateCase', schema);

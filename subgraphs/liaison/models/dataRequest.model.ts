import { Schema } from 'mongoose';
import { subgraphDatabase, newId } from '../../../lib/mongo';
import { statusChangeSchema, type StatusChange } from '../../../lib/workflow';
import type { DataRequestStatus, ResourceType } from '../__generated__/resolvers-types';

/** 共享申请 A request by one agency for another agency's data, moved by its workflow (../workflow.ts). */
export interface DataRequestDoc {
  _id: string;
  requesterCode: string;
  providerCode: string;
  resourceTypes: ResourceType[];
  scopeIds: string[];
  scopeFilter?: string | null;
  purpose: string;
  legalBasis: string;
  wantsPersonalData: boolean;
  /** false: the resource is not yet in the shared catalogue (the provider has 10 working days, not 5). */
  catalogued?: boolean;
  periodFrom: Date;
  periodTo: Date;
  status: DataRequestStatus;
  submittedAt: Date;
  /** The joint office took it up (COMPLIANCE_CHECK). */
  complianceStartedAt?: Date | null;
  /** It passed the compliance check: the provider's clock starts. */
  providerReviewStartedAt?: Date | null;
  /** The last decision (GRANTED or DENIED), by whom and why. */
  decidedAt?: Date | null;
  decidedByCode?: string | null;
  decisionReason?: string | null;
  /** Escalated to the joint meeting (COORDINATION): once only. */
  escalatedAt?: Date | null;
  escalatedByCode?: string | null;
  escalationReason?: string | null;
  /** The joint meeting whose decision settled the coordination. */
  meetingId?: string | null;
  withdrawnAt?: Date | null;
  /** Due date of the clock running now (null in a state without one): the `overdue` filter reads it. */
  nextDueAt?: Date | null;
  version: number;
  history: StatusChange[];
}

export const RESOURCE_TYPES: ResourceType[] = [
  'PROCURATORATE_CASE', 'SUGGESTION', 'REVERSE_REFERRAL', 'ENFORCEMENT_CASE', 'CRIMINAL_TRANSFER', 'PETITION',
  'HOTLINE_TICKET', 'RESCUE_APPLICATION', 'SUPPORT_REFERRAL',
];
export const DATA_REQUEST_STATUSES: DataRequestStatus[] = ['SUBMITTED', 'COMPLIANCE_CHECK', 'PROVIDER_REVIEW', 'GRANTED', 'DENIED', 'COORDINATION', 'WITHDRAWN'];

const schema = new Schema<DataRequestDoc>(
  {
    _id: { type: String, default: newId },
    requesterCode: { type: String, required: true },
    providerCode: { type: String, required: true },
    resourceTypes: { type: [{ type: String, enum: RESOURCE_TYPES }], required: true },
    scopeIds: { type: [String], default: [] },
    scopeFilter: { type: String, default: null, maxlength: 2000 },
    purpose: { type: String, required: true, maxlength: 2000 },
    legalBasis: { type: String, required: true, maxlength: 2000 },
    wantsPersonalData: { type: Boolean, required: true },
    catalogued: { type: Boolean, default: true },
    periodFrom: { type: Date, required: true },
    periodTo: { type: Date, required: true },
    status: { type: String, required: true, enum: DATA_REQUEST_STATUSES, default: 'SUBMITTED' },
    submittedAt: { type: Date, required: true },
    complianceStartedAt: { type: Date, default: null },
    providerReviewStartedAt: { type: Date, default: null },
    decidedAt: { type: Date, default: null },
    decidedByCode: { type: String, default: null },
    decisionReason: { type: String, default: null, maxlength: 2000 },
    escalatedAt: { type: Date, default: null },
    escalatedByCode: { type: String, default: null },
    escalationReason: { type: String, default: null, maxlength: 2000 },
    meetingId: { type: String, default: null },
    withdrawnAt: { type: Date, default: null },
    nextDueAt: { type: Date, default: null },
    version: { type: Number, default: 0 },
    history: { type: [statusChangeSchema], default: [] },
  },
  { versionKey: false, timestamps: true },
);

schema.index({ submittedAt: -1, _id: -1 });
schema.index({ status: 1, submittedAt: -1, _id: -1 });
schema.index({ requesterCode: 1, submittedAt: -1, _id: -1 });
schema.index({ providerCode: 1, submittedAt: -1, _id: -1 });
schema.index({ nextDueAt: 1, submittedAt: -1, _id: -1 });

export const DataRequestModel = subgraphDatabase('liaison').model<DataRequestDoc>('DataRequest', schema);

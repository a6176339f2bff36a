import { Schema } from 'mongoose';
import { subgraphDatabase, newId } from '../../../lib/mongo';
import type { DataRequestStatus, ResourceType } from '../__generated__/resolvers-types';

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
  periodFrom: Date;
  periodTo: Date;
  status: DataRequestStatus;
  submittedAt: Date;
  decidedAt?: Date | null;
  decisionReason?: string | null;
}

export const RESOURCE_TYPES: ResourceType[] = [
  'PROCURATORATE_CASE', 'SUGGESTION', 'REVERSE_REFERRAL', 'ENFORCEMENT_CASE', 'CRIMINAL_TRANSFER', 'PETITION',
  'HOTLINE_TICKET', 'RESCUE_APPLICATION', 'SUPPORT_REFERRAL',
];
const STATUSES: DataRequestStatus[] = ['SUBMITTED', 'COMPLIANCE_CHECK', 'PROVIDER_REVIEW', 'GRANTED', 'DENIED', 'COORDINATION', 'WITHDRAWN'];

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
    periodFrom: { type: Date, required: true },
    periodTo: { type: Date, required: true },
    status: { type: String, required: true, enum: STATUSES, default: 'SUBMITTED' },
    submittedAt: { type: Date, required: true },
    decidedAt: { type: Date, default: null },
    decisionReason: { type: String, default: null, maxlength: 2000 },
  },
  { versionKey: false, timestamps: true },
);

schema.index({ submittedAt: -1, _id: -1 });
schema.index({ status: 1, submittedAt: -1, _id: -1 });
schema.index({ requesterCode: 1, submittedAt: -1, _id: -1 });
schema.index({ providerCode: 1, submittedAt: -1, _id: -1 });

export const DataRequestModel = subgraphDatabase('liaison').model<DataRequestDoc>('DataRequest', schema);

import { Schema } from 'mongoose';
import { subgraphDatabase, newId } from '../../../lib/mongo';
import type { EnforcementCaseStatus, EnforcementField, PenaltyType } from '../__generated__/resolvers-types';

export interface EnforcementCaseDoc {
  _id: string;
  caseNumber: string;
  agencyCode: string;
  field: EnforcementField;
  personId?: string | null;
  creditCode?: string | null;
  facts: string;
  penalty?: { type: PenaltyType; amount?: number | null } | null;
  status: EnforcementCaseStatus;
  filedAt: Date;
  decidedAt?: Date | null;
  closedAt?: Date | null;
  /**
   * Workflow counterparts who see the case (policies.ts): the police and the procuratorate copied once its
   * criminal transfer is SENT, added by the send step.
   */
  counterpartCodes?: string[];
  version: number;
}

const FIELDS: EnforcementField[] = ['FOOD_DRUG', 'ECOLOGY', 'NATURAL_RESOURCES', 'MARKET', 'WORK_SAFETY', 'LABOR', 'CULTURE_TOURISM', 'AGRICULTURE', 'FINANCE', 'TAX', 'OTHER'];
const STATUSES: EnforcementCaseStatus[] = ['INVESTIGATING', 'DECIDED', 'TRANSFERRED', 'CLOSED'];
const PENALTIES: PenaltyType[] = ['WARNING', 'FINE', 'CONFISCATION', 'SUSPENSION', 'LICENSE_REVOCATION', 'DETENTION', 'OTHER'];

const schema = new Schema<EnforcementCaseDoc>(
  {
    _id: { type: String, default: newId },
    caseNumber: { type: String, required: true, trim: true, maxlength: 100 },
    agencyCode: { type: String, required: true },
    field: { type: String, required: true, enum: FIELDS },
    personId: { type: String, default: null },
    creditCode: { type: String, default: null },
    facts: { type: String, required: true, maxlength: 5000 },
    penalty: {
      type: new Schema({ type: { type: String, enum: PENALTIES, required: true }, amount: { type: Number, min: 0 } }, { _id: false }),
      default: null,
    },
    status: { type: String, required: true, enum: STATUSES, default: 'INVESTIGATING' },
    filedAt: { type: Date, required: true },
    decidedAt: { type: Date, default: null },
    closedAt: { type: Date, default: null },
    counterpartCodes: { type: [String], default: [] },
    version: { type: Number, default: 0 },
  },
  { versionKey: false, timestamps: true },
);

// One index per key and list filter; lists sort by filedAt then _id (lib/pagination).
schema.index({ caseNumber: 1 }, { unique: true });
schema.index({ filedAt: -1, _id: -1 });
schema.index({ agencyCode: 1, filedAt: -1, _id: -1 });
schema.index({ status: 1, filedAt: -1, _id: -1 });
schema.index({ field: 1, filedAt: -1, _id: -1 });
schema.index({ counterpartCodes: 1, filedAt: -1, _id: -1 });
schema.index({ personId: 1, filedAt: -1 });
schema.index({ creditCode: 1, filedAt: -1 });

export const EnforcementCaseModel = subgraphDatabase('enforcement').model<EnforcementCaseDoc>('EnforcementCase', schema);

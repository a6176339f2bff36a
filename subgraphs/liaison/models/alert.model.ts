import { Schema } from 'mongoose';
import { subgraphDatabase, newId } from '../../../lib/mongo';
import type { AlertRule, AlertSeverity, ResourceType } from '../__generated__/resolvers-types';
import { RESOURCE_TYPES } from './dataRequest.model';

/** An alert raised by a rule over the unified graph (提前预警). */
export interface AlertDoc {
  _id: string;
  rule: AlertRule;
  severity: AlertSeverity;
  message: string;
  agencyCode?: string | null;
  resourceType?: ResourceType | null;
  resourceId?: string | null;
  raisedAt: Date;
  resolvedAt?: Date | null;
}

const RULES: AlertRule[] = [
  'SUGGESTION_OVERDUE', 'TRANSFER_OVERDUE', 'PENALTY_INSTEAD_OF_PROSECUTION', 'REPEAT_PETITIONER_OPEN_CASE',
  'PENDING_CASE_TOO_LONG', 'RESCUE_APPLICANT_OPEN_PETITION',
];

const schema = new Schema<AlertDoc>(
  {
    _id: { type: String, default: newId },
    rule: { type: String, required: true, enum: RULES },
    severity: { type: String, required: true, enum: ['INFO', 'WARNING', 'CRITICAL'] },
    message: { type: String, required: true, maxlength: 2000 },
    agencyCode: { type: String, default: null },
    resourceType: { type: String, default: null, enum: [...RESOURCE_TYPES, null] },
    resourceId: { type: String, default: null },
    raisedAt: { type: Date, required: true },
    resolvedAt: { type: Date, default: null },
  },
  { versionKey: false, timestamps: true },
);

schema.index({ raisedAt: -1, _id: -1 });
schema.index({ rule: 1, raisedAt: -1, _id: -1 });
schema.index({ agencyCode: 1, raisedAt: -1, _id: -1 });
schema.index({ resolvedAt: 1, raisedAt: -1, _id: -1 });
schema.index({ resourceType: 1, resourceId: 1 });

export const AlertModel = subgraphDatabase('liaison').model<AlertDoc>('Alert', schema);

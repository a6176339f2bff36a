import { Schema } from 'mongoose';
import { subgraphDatabase, newId } from '../../../lib/mongo';

/** One entry of the append-only, hash-chained audit log. */
export interface AuditEventDoc {
  _id: string;
  at: Date;
  actor: string;
  actorAgency: string;
  action: string;
  resourceType: string;
  resourceIds: string[];
  fieldsUnmasked: string[];
  grantId?: string | null;
  purpose?: string | null;
  requestId: string;
  outcome: string;
  prevHash: string;
  hash: string;
}

const schema = new Schema<AuditEventDoc>(
  {
    _id: { type: String, default: newId },
    at: { type: Date, required: true },
    actor: { type: String, required: true },
    actorAgency: { type: String, required: true },
    action: { type: String, required: true },
    resourceType: { type: String, required: true },
    resourceIds: { type: [String], default: [] },
    fieldsUnmasked: { type: [String], default: [] },
    grantId: { type: String, default: null },
    purpose: { type: String, default: null },
    requestId: { type: String, required: true },
    outcome: { type: String, required: true },
    prevHash: { type: String, required: true },
    hash: { type: String, required: true },
  },
  { versionKey: false },
);

// Append-only: the model refuses every update and delete.
schema.pre(/^(update|replace|delete|findOneAnd)/, () => {
  throw new Error('audit events are append-only');
});

schema.index({ hash: 1 }, { unique: true });
schema.index({ at: -1, _id: -1 });
schema.index({ actor: 1, at: -1, _id: -1 });
schema.index({ actorAgency: 1, at: -1, _id: -1 });
schema.index({ resourceIds: 1, at: -1, _id: -1 });
schema.index({ grantId: 1, at: -1, _id: -1 });

export const AuditEventModel = subgraphDatabase('liaison').model<AuditEventDoc>('AuditEvent', schema);

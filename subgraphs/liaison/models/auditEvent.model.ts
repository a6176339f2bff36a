import { Schema } from 'mongoose';
import { subgraphDatabase } from '../../../lib/mongo';

/** One entry of the append-only, hash-chained audit log. */
export interface AuditEventDoc {
  /** The sequence number zero-padded to 12 digits: unique, so two writers cannot both append seq n. */
  _id: string;
  seq: number;
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
    _id: { type: String, required: true },
    seq: { type: Number, required: true },
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

/** The newest seq and hash, kept apart so that deleting the newest events is detected too. */
export interface AuditAnchorDoc {
  _id: string;
  seq: number;
  hash: string;
}

export const AuditAnchorModel = subgraphDatabase('liaison').model<AuditAnchorDoc>(
  'AuditAnchor',
  new Schema<AuditAnchorDoc>({ _id: String, seq: { type: Number, required: true }, hash: { type: String, required: true } }, { versionKey: false }),
);

export const AuditEventModel = subgraphDatabase('liaison').model<AuditEventDoc>('AuditEvent', schema);

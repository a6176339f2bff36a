import { createHash } from 'node:crypto';
import { Schema } from 'mongoose';
import { subgraphDatabase, newId } from '../../../lib/mongo';
import type { ResourceType } from '../__generated__/resolvers-types';
import { RESOURCE_TYPES } from './dataRequest.model';

/** What a provider's subgraph checks before another agency reads its records. */
export interface SharingGrantDoc {
  _id: string;
  requestId?: string | null;
  granteeCode: string;
  providerCode: string;
  resourceTypes: ResourceType[];
  scopeIds: string[];
  scopeFilter?: string | null;
  purpose: string;
  legalBasis: string;
  allowsPersonalData: boolean;
  validFrom: Date;
  validUntil: Date;
  revokedAt?: Date | null;
  revokedByCode?: string | null;
  revokeReason?: string | null;
}

/**
 * The id of the grant a data request produces: derived from the request id (ObjectId-shaped), so a
 * retried grant decision finds the grant it already wrote instead of writing a second one.
 */
export function grantIdFor(requestId: string): string {
  return createHash('sha256').update(`sharing-grant:${requestId}`).digest('hex').slice(0, 24);
}

const schema = new Schema<SharingGrantDoc>(
  {
    _id: { type: String, default: newId },
    requestId: { type: String, default: null },
    granteeCode: { type: String, required: true },
    providerCode: { type: String, required: true },
    resourceTypes: { type: [{ type: String, enum: RESOURCE_TYPES }], required: true },
    scopeIds: { type: [String], default: [] },
    scopeFilter: { type: String, default: null, maxlength: 2000 },
    purpose: { type: String, required: true, maxlength: 2000 },
    legalBasis: { type: String, required: true, maxlength: 2000 },
    allowsPersonalData: { type: Boolean, default: false },
    validFrom: { type: Date, required: true },
    validUntil: { type: Date, required: true },
    revokedAt: { type: Date, default: null },
    revokedByCode: { type: String, default: null },
    revokeReason: { type: String, default: null, maxlength: 2000 },
  },
  { versionKey: false, timestamps: true },
);

schema.index({ requestId: 1 });
// The check a provider makes on every read: grants of one grantee from one provider.
schema.index({ granteeCode: 1, providerCode: 1, validUntil: -1 });
schema.index({ providerCode: 1, validUntil: -1 });
// sharingGrants lists, newest first.
schema.index({ validFrom: -1, _id: -1 });
schema.index({ granteeCode: 1, validFrom: -1, _id: -1 });
schema.index({ providerCode: 1, validFrom: -1, _id: -1 });
schema.index({ granteeCode: 1, providerCode: 1, validFrom: -1, _id: -1 });

export const SharingGrantModel = subgraphDatabase('liaison').model<SharingGrantDoc>('SharingGrant', schema);

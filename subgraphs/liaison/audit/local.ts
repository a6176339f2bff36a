import type { AuditSink } from '../../../lib/audit';
import type { GrantSource } from '../../../lib/grants';
import { SharingGrantModel } from '../models';
import { appendToChain } from './chain';

/** Inside the joint office the chain is written directly, not over HTTP. */
export const localAuditSink: AuditSink = async (events) => {
  await appendToChain(events);
};

/** Inside the joint office grants are read from its own database. */
export const localGrantSource: GrantSource = async (granteeCode) => {
  const now = new Date();
  const docs = await SharingGrantModel.find({ granteeCode, revokedAt: null, validFrom: { $lte: now }, validUntil: { $gt: now } }).lean();
  return docs.map((g) => ({
    id: g._id,
    granteeCode: g.granteeCode,
    providerCode: g.providerCode,
    resourceTypes: g.resourceTypes,
    scopeIds: g.scopeIds,
    purpose: g.purpose,
    legalBasis: g.legalBasis,
    allowsPersonalData: g.allowsPersonalData,
    validFrom: g.validFrom,
    validUntil: g.validUntil,
    revokedAt: g.revokedAt ?? null,
  }));
};

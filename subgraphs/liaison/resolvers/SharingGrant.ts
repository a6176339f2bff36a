import { hasRole } from '../../../lib/access';
import { conflict, forbidden } from '../../../lib/errors';
import { entityKey } from '../../../lib/federation';
import { isActive } from '../../../lib/grants';
import { paginate } from '../../../lib/pagination';
import { asksOnly } from '../../../lib/selection';
import { check } from '../../../lib/validate';
import type { MutationResolvers, QueryResolvers, SharingGrantResolvers } from '../__generated__/resolvers-types';
import { auditReads, dataRequestRule, follow, JOINT_OFFICE_CODE, mayRead, partyFilter, readOne, sharingGrantRule } from '../policies';
import { SharingGrantModel, type AgencyDoc, type SharingGrantDoc } from '../models';
import { agencyOf } from './Agency';
import { deliveriesOf } from './deliveries';
import { sharingGrantFilter } from './filters';

/** In force at `now`: not revoked and validFrom ≤ now < validUntil (lib/grants, as providers check it). */
export function grantActive(g: SharingGrantDoc, now = new Date()): boolean {
  return isActive({ ...g, id: g._id, revokedAt: g.revokedAt ?? null }, now);
}

const codeOnly = (code: string) => ({ _id: code }) as AgencyDoc;

export const SharingGrant: SharingGrantResolvers = {
  __resolveReference: async (ref, ctx) => {
    const id = entityKey(ref, 'id');
    return readOne(ctx, sharingGrantRule, id, await ctx.loaders.grant.load(id));
  },
  id: (g) => g._id,
  // Providers checking a grant ask only for the parties' codes (lib/grants): no agency look-up for that.
  grantee: (g, _, { loaders }, info) => (asksOnly(info, ['code']) ? codeOnly(g.granteeCode) : agencyOf(loaders, g.granteeCode)),
  provider: (g, _, { loaders }, info) => (asksOnly(info, ['code']) ? codeOnly(g.providerCode) : agencyOf(loaders, g.providerCode)),
  revokedBy: (g, _, { loaders }) => (g.revokedByCode ? agencyOf(loaders, g.revokedByCode) : null),
  active: (g) => grantActive(g),
  request: async (g, _, ctx) => (g.requestId ? follow(ctx, dataRequestRule, await ctx.loaders.dataRequest.load(g.requestId)) : null),
  deliveries: (g) => deliveriesOf(g),
};

export const sharingGrantQuery: Pick<QueryResolvers, 'sharingGrants' | 'sharingGrant'> = {
  /** Filtered in the query (parties only, unless the caller sees all); reads of others' grants audited. */
  sharingGrants: async (_, { filter, first, after }, ctx) => {
    const conn = await paginate<SharingGrantDoc>(SharingGrantModel, partyFilter(sharingGrantRule, ctx.identity, sharingGrantFilter(filter ?? {})), { first, after }, 'validFrom');
    await auditReads(ctx, sharingGrantRule, conn.nodes);
    return conn;
  },
  sharingGrant: async (_, { id }, ctx) => readOne(ctx, sharingGrantRule, id, await ctx.loaders.grant.load(id)),
};

export const sharingGrantMutations: Pick<MutationResolvers, 'revokeGrant'> = {
  /** The provider's supervisor or the joint office ends a grant before its time; once. */
  revokeGrant: async (_, { id, reason }, ctx) => {
    const { identity } = ctx;
    const grant = await SharingGrantModel.findById(id).lean<SharingGrantDoc>();
    if (!grant) throw forbidden();
    const byProvider = identity.agency === grant.providerCode && hasRole(identity, 'supervisor');
    const byJointOffice = identity.agency === JOINT_OFFICE_CODE && hasRole(identity, 'liaison_admin');
    if (!byProvider && !byJointOffice) {
      if (!mayRead(sharingGrantRule, identity, grant)) throw forbidden(); // a non-party learns nothing of the grant
      throw forbidden(`only a supervisor of ${grant.providerCode} or the joint office (${JOINT_OFFICE_CODE}, liaison_admin) may revoke this grant`);
    }
    const why = check.nonEmpty('reason', reason, 2000);
    const at = new Date();
    if (grant.revokedAt) throw conflict(`this grant was revoked on ${grant.revokedAt.toISOString()}`, { revokedAt: grant.revokedAt });
    if (grant.validUntil <= at) throw conflict(`this grant expired on ${grant.validUntil.toISOString()}`, { validUntil: grant.validUntil });
    const revoked = await SharingGrantModel.findOneAndUpdate(
      { _id: id, revokedAt: null },
      { $set: { revokedAt: at, revokedByCode: identity.agency, revokeReason: why } },
      { returnDocument: 'after' },
    ).lean<SharingGrantDoc>();
    if (!revoked) throw conflict('this grant was revoked by someone else just now');
    await ctx.audit
      .record({ action: 'REVOKE', resourceType: 'SharingGrant', resourceIds: [id], outcome: 'ALLOWED', grantId: id, purpose: why })
      .catch((e: unknown) => ctx.log.warn({ err: (e as Error).message }, 'grant revoked but its REVOKE audit event was not stored'));
    return revoked;
  },
};

import type { Model } from 'mongoose';
import type { AccessControl, Policy } from './access';
import type { AuditAction } from './audit';
import { forbidden } from './errors';
import { grantFor } from './grants';
import { connectionFromList, paginate, type Connection, type PageArgs } from './pagination';

/** A SharingGrant as a provider subgraph sees it: the liaison entity's key (codegen mapper of SharingGrant there). */
export type GrantRef = { id: string };

/** What a provider subgraph delivers for one field of SharingGrant (e.g. `SharingGrant.enforcementCases`). */
export interface DeliveryRequest<D> {
  grantId: string;
  policy: Policy<D>;
  model: Model<any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- any model with string ids, as paginate
  args: PageArgs;
  /** The sort field of the type's root list, so a delivery pages as the API does. */
  sortField: string;
}

/**
 * 交付: the records a grant covers, handed to its grantee (docs/domain.md#delivery-of-granted-data). Only the grantee
 * agency, while the grant is in force; the provider's records of the type, within `scopeIds`, never sealed ones. Each
 * page is audited as one DELIVER event (EXPORT in a spreadsheet export) before it is returned (fail closed). The page
 * does not pass through `access.page`, so its records are not audited a second time as READ.
 */
export async function deliver<D extends { _id: string }>(
  ctx: { access: AccessControl },
  { grantId, policy, model, args, sortField }: DeliveryRequest<D>,
): Promise<Connection<D>> {
  const { access } = ctx;
  const action: AuditAction = access.identity.channel === 'EXPORT' ? 'EXPORT' : 'DELIVER';
  const grant = (await access.activeGrants()).find((g) => g.id === grantId);
  if (!grant) {
    await access.audit.record({ action, resourceType: policy.resourceType, resourceIds: [], grantId, outcome: 'DENIED' });
    // The same answer whether the grant is missing, another agency's, revoked or expired: nothing to probe.
    throw forbidden(`no sharing grant ${grantId} is in force for your agency ${access.identity.agency}: only the grantee receives a grant's data, and a revoked or expired grant delivers nothing`);
  }
  if (!grant.resourceTypes.includes(policy.resourceType)) return connectionFromList<D>([], args);

  const { owner, sealed } = policy.fields;
  const page = await paginate<D>(model, {
    [owner]: grant.providerCode,
    ...(grant.scopeIds.length ? { _id: { $in: grant.scopeIds } } : {}),
    ...(sealed ? { [sealed]: { $ne: true } } : {}),
  }, args, sortField);
  // The record-by-record rule as well as the query (as access.page does): nothing is normally dropped.
  const covered = (d: D) => !policy.sealed?.(d) && !!grantFor([grant], policy.owner(d), policy.resourceType, d._id);
  const nodes = page.nodes.filter(covered);
  const delivered = { ...page, nodes, edges: page.edges.filter((e) => covered(e.node)) };
  if (nodes.length) {
    await access.audit.record({
      action, resourceType: policy.resourceType, resourceIds: nodes.map((n) => n._id), grantId, purpose: grant.purpose, outcome: 'ALLOWED',
    });
  }
  return delivered;
}

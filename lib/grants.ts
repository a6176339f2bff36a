import { callSubgraph } from './internal-client';

/** A SharingGrant as providers check it (docs/domain.md#sharing-grants). */
export interface Grant {
  id: string;
  granteeCode: string;
  providerCode: string;
  resourceTypes: string[];
  /** Record ids the grant is limited to; empty = every record of the granted types. */
  scopeIds: string[];
  purpose: string;
  legalBasis: string;
  allowsPersonalData: boolean;
  validFrom: Date;
  validUntil: Date;
  revokedAt: Date | null;
}

/** Active grants held by an agency, from the joint office (the grant authority). */
export type GrantSource = (granteeCode: string, requestId: string) => Promise<Grant[]>;

const QUERY = `query($grantee: ID!) { sharingGrants(filter: { granteeCode: $grantee, activeOnly: true }, first: 100) {
  nodes { id grantee { code } provider { code } resourceTypes scopeIds purpose legalBasis allowsPersonalData validFrom validUntil revokedAt } } }`;

interface GrantNode {
  id: string;
  grantee: { code: string };
  provider: { code: string };
  resourceTypes: string[];
  scopeIds: string[];
  purpose: string;
  legalBasis: string;
  allowsPersonalData: boolean;
  validFrom: string;
  validUntil: string;
  revokedAt: string | null;
}

/** Asks the liaison subgraph, as a service, for the grantee's active grants. */
export function httpGrantSource(caller: string): GrantSource {
  return async (granteeCode, requestId) => {
    const data = await callSubgraph<{ sharingGrants: { nodes: GrantNode[] } }>('liaison', caller, QUERY, { grantee: granteeCode }, requestId);
    return data.sharingGrants.nodes.map((n) => ({
      id: n.id,
      granteeCode: n.grantee.code,
      providerCode: n.provider.code,
      resourceTypes: n.resourceTypes,
      scopeIds: n.scopeIds,
      purpose: n.purpose,
      legalBasis: n.legalBasis,
      allowsPersonalData: n.allowsPersonalData,
      validFrom: new Date(n.validFrom),
      validUntil: new Date(n.validUntil),
      revokedAt: n.revokedAt ? new Date(n.revokedAt) : null,
    }));
  };
}

/** True when the grant is in force at `now`: not revoked, inside its validity window. */
export function isActive(grant: Grant, now = new Date()): boolean {
  return !grant.revokedAt && grant.validFrom <= now && now < grant.validUntil;
}

/** The grant (if any) that lets its holder read record `id` of `resourceType` from `provider`. */
export function grantFor(grants: readonly Grant[], provider: string, resourceType: string, id: string, now = new Date()): Grant | undefined {
  return grants.find(
    (g) =>
      g.providerCode === provider &&
      g.resourceTypes.includes(resourceType) &&
      (g.scopeIds.length === 0 || g.scopeIds.includes(id)) &&
      isActive(g, now),
  );
}

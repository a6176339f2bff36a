import type { QueryFilter } from 'mongoose';
import type { Identity } from '../../lib/identity';
import type { ProcuratorateCaseDoc } from './models';

// DOMAIN.md access rule 4: sealed juvenile records are visible to the owner agency only.

export function canSee(identity: Identity, c: Pick<ProcuratorateCaseDoc, 'sealed' | 'agencyCode'>): boolean {
  return !c.sealed || c.agencyCode === identity.agency;
}

/** The case, or null when it does not exist or the caller may not see it (the same answer). */
export function visible(identity: Identity, c: ProcuratorateCaseDoc | null): ProcuratorateCaseDoc | null {
  return c && canSee(identity, c) ? c : null;
}

/** The list filter clause that hides other agencies' sealed cases. */
export function visibleClause(identity: Identity): QueryFilter<ProcuratorateCaseDoc> {
  return { $or: [{ sealed: false }, { agencyCode: identity.agency }] };
}

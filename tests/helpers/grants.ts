import type { ResourceType } from '../../subgraphs/liaison/__generated__/resolvers-types';
import { SharingGrantModel } from '../../subgraphs/liaison/models';

const DAY = 86_400_000;

export interface TestGrant {
  _id: string;
  granteeCode: string;
  providerCode: string;
  resourceTypes: ResourceType[];
  purpose: string;
  legalBasis: string;
  scopeIds?: string[];
  allowsPersonalData?: boolean;
  validFrom?: Date;
  validUntil?: Date;
  revokedAt?: Date | null;
}

/**
 * Replaces every grant with this one, stored as an approved data request leaves it in the joint office:
 * active from yesterday for 30 days, all records of its types, no personal data — unless the test says otherwise.
 */
export async function replaceGrant(grant: TestGrant): Promise<void> {
  await SharingGrantModel.deleteMany({});
  await SharingGrantModel.create({
    scopeIds: [], allowsPersonalData: false, validFrom: new Date(Date.now() - DAY), validUntil: new Date(Date.now() + 30 * DAY), revokedAt: null,
    ...grant,
  });
}

/** Ids of a list, sorted, for comparing what a caller sees. */
export const sortedIds = (nodes: { id: string }[]) => nodes.map((n) => n.id).sort();

import type { Hub } from './hub';
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

const EVENTS = `query($id: ID!, $agency: String!, $from: DateTime) { auditEvents(filter: { resourceId: $id, actorAgency: $agency, from: $from }, first: 100) {
  nodes { action outcome resourceType resourceIds grantId } } }`;

export interface ReadEvent {
  action: string;
  outcome: string;
  resourceType: string;
  resourceIds: string[];
  grantId: string | null;
}

/** The audit events naming record `id` by `agency` since `from` (so earlier tests' reads do not count), as an auditor reads them. */
export async function auditEventsOf(hub: Hub, id: string, agency: string, from: string): Promise<ReadEvent[]> {
  return (await hub.ok({ agency: '411221-JCY', roles: ['auditor'] }, EVENTS, { id, agency, from })).auditEvents.nodes as ReadEvent[];
}

/** The READ event expected for a read. */
export const readEvent = (outcome: string, resourceType: string, resourceIds: string[], grantId: string | null): ReadEvent => ({
  action: 'READ', outcome, resourceType, resourceIds, grantId,
});

export const isoNow = () => new Date().toISOString();

import type { SubgraphDefinition } from '../../lib/subgraph';
import { syncAgencies } from './agencies';
import { localAuditSink, localGrantSource } from './audit/local';
import { auditMutations } from './audit/resolvers';
import { discoveryQuery, personPiiResolvers } from './discovery/resolvers';
import { createLoaders, type Loaders } from './loaders';
import { resolvers } from './resolvers';

export { syncAgencies };

/** 联席办 subgraph: member agencies, the party index, data requests and grants, work tasks, alerts, audit. */
export const liaison: SubgraphDefinition<Loaders> = {
  name: 'liaison',
  // Audit and discovery live in their own folders; their fields do not overlap the main maps.
  resolvers: {
    ...resolvers,
    Query: { ...resolvers.Query, ...discoveryQuery },
    Mutation: { ...resolvers.Mutation, ...auditMutations },
    Person: { ...resolvers.Person, ...personPiiResolvers },
  },
  createLoaders,
  onStart: syncAgencies,
  // The joint office holds the audit chain and the grants itself.
  auditSink: localAuditSink,
  grantSource: localGrantSource,
};

import type { SubgraphDefinition } from '../../lib/subgraph';
import { syncAgencies } from './agencies';
import { localAuditSink, localGrantSource } from './audit/local';
import { createLoaders, type Loaders } from './loaders';
import { resolvers } from './resolvers';
import { dataRequests, workTasks } from './workflow';

export { syncAgencies };

/** 联席办 subgraph: member agencies, the party index, data requests and grants, work tasks, alerts; it keeps the audit chain and the grants. */
export const liaison: SubgraphDefinition<Loaders> = {
  name: 'liaison', resolvers, createLoaders, onStart: syncAgencies, auditSink: localAuditSink, grantSource: localGrantSource,
  workflows: [dataRequests, workTasks],
};

import type { SubgraphDefinition } from '../../lib/subgraph';
import { syncAgencies } from './agencies';
import { createLoaders, type Loaders } from './loaders';
import { resolvers } from './resolvers';

export { syncAgencies };

/** 联席办 subgraph: member agencies, the party index, data requests and grants, work tasks, alerts, audit. */
export const liaison: SubgraphDefinition<Loaders> = { name: 'liaison', resolvers, createLoaders, onStart: syncAgencies };

import { holdings } from './holdings';
import type { SubgraphDefinition } from '../../lib/subgraph';
import { createLoaders, type Loaders } from './loaders';
import { resolvers } from './resolvers';
import { transfers } from './workflow';

/** 行政执法 subgraph: administrative enforcement cases and criminal transfers. */
export const enforcement: SubgraphDefinition<Loaders> = { name: 'enforcement', resolvers, createLoaders, holdings, workflows: [transfers] };

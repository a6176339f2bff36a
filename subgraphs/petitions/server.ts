import { holdings } from './holdings';
import type { SubgraphDefinition } from '../../lib/subgraph';
import { backfillAccessFields } from './backfill';
import { createLoaders, type Loaders } from './loaders';
import { resolvers } from './resolvers';
import { hotlineTickets, petitions as petitionWorkflow } from './workflow';

/** 信访 subgraph: petitions and 12345 / 12309 hotline tickets. */
export const petitions: SubgraphDefinition<Loaders> = { name: 'petitions', resolvers, createLoaders, holdings, onStart: backfillAccessFields, workflows: [petitionWorkflow, hotlineTickets] };

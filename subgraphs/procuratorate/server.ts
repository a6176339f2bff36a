import { backfillAccessFields } from './backfill';
import { holdings } from './holdings';
import type { SubgraphDefinition } from '../../lib/subgraph';
import { createLoaders, type Loaders } from './loaders';
import { resolvers } from './resolvers';
import { publicInterestCases, referrals, suggestions } from './workflow';

/** 检察 subgraph: procuratorate cases, suggestions and reverse referrals. */
export const procuratorate: SubgraphDefinition<Loaders> = { name: 'procuratorate', resolvers, createLoaders, holdings, onStart: backfillAccessFields, workflows: [suggestions, publicInterestCases, referrals] };

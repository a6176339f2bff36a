import { backfillAccessFields } from './backfill';
import { holdings } from './holdings';
import type { SubgraphDefinition } from '../../lib/subgraph';
import { createLoaders, type Loaders } from './loaders';
import { resolvers } from './resolvers';
import { applications, referrals } from './workflow';

/** 司法救助 subgraph: state judicial rescue applications and 多元化救助 support referrals. */
export const assistance: SubgraphDefinition<Loaders> = { name: 'assistance', resolvers, createLoaders, holdings, onStart: backfillAccessFields, workflows: [applications, referrals] };

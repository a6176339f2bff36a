import type { SubgraphName } from '../lib/config';
import type { SubgraphDefinition } from '../lib/subgraph';
import { assistance } from './assistance/server';
import { enforcement } from './enforcement/server';
import { liaison } from './liaison/server';
import { petitions } from './petitions/server';
import { procuratorate } from './procuratorate/server';

/** Every subgraph of the hub, by name (tests and the single-process tools start them from here). */
export const SUBGRAPH_DEFINITIONS: Record<SubgraphName, SubgraphDefinition<unknown>> = {
  procuratorate,
  enforcement,
  petitions,
  assistance,
  liaison,
} as Record<SubgraphName, SubgraphDefinition<unknown>>;

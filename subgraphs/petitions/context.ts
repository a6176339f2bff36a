import type { SubgraphContext } from '../../lib/subgraph';
import type { Loaders } from './loaders';

export type Context = SubgraphContext<Loaders>;

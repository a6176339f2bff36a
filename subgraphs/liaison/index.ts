import { runSubgraph } from '../../lib/run';
import { liaison } from './server';

void runSubgraph(liaison);

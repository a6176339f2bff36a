import { runSubgraph } from '../../lib/run';
import { assistance } from './server';

void runSubgraph(assistance);

import { runSubgraph } from '../../lib/run';
import { enforcement } from './server';

void runSubgraph(enforcement);

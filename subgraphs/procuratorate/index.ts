import { runSubgraph } from '../../lib/run';
import { procuratorate } from './server';

void runSubgraph(procuratorate);

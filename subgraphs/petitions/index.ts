import { runSubgraph } from '../../lib/run';
import { petitions } from './server';

void runSubgraph(petitions);

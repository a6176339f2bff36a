import { readFileSync } from 'node:fs';
import { composeSupergraph, SUPERGRAPH_FILE } from '../../schema/compose';

describe('schema/supergraph.graphql', () => {
  it('is the composition of the subgraph SDL files (run `npm run compose` after changing one)', () => {
    expect(readFileSync(SUPERGRAPH_FILE, 'utf8')).toBe(composeSupergraph());
  });
});

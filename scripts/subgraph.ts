// `npm run start:subgraph -- <name>`: runs one subgraph alone (MONGODB_URI and <NAME>_PORT from the environment).
import { SUBGRAPHS, type SubgraphName } from '../lib/config';

const name = process.argv[2] as SubgraphName;
if (!SUBGRAPHS.includes(name)) {
  console.error(`usage: npm run start:subgraph -- <${SUBGRAPHS.join('|')}>`);
  process.exit(2);
}
require(`../subgraphs/${name}/index`);
